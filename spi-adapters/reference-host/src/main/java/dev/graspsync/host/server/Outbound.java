package dev.graspsync.host.server;

import dev.graspsync.host.config.WebSocketCompression;
import dev.graspsync.host.wire.EventFrame;
import dev.graspsync.host.wire.EventPrefix;
import dev.graspsync.host.wire.FrameBatch;
import dev.graspsync.host.wire.MessageDeflater;
import dev.graspsync.host.wire.OutgoingMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The write side of one connection. Counts the bytes written but not yet flushed to the
 * socket, so stored-event streaming can wait for room ({@link #whenRoom}) and live fan-out can
 * tell a client that cannot keep up ({@link #overloaded}) from one that is merely busy.
 *
 * <p>When the client negotiated permessage-deflate the relay compresses here rather than in
 * Netty's per-connection compressor: each message on its own (never smaller ones, see {@link
 * WebSocketCompression}), and an EVENT as the subscription's stored-block prefix followed by
 * the event's compressed bytes, which are made once per event for all subscribers.
 *
 * <p>Messages wait here as references to their bytes until the loop's {@link WriteGather}
 * flushes this connection, at most once per loop turn; the messages waiting then are framed
 * into one buffer and reach the kernel in one write. The write carries no promise: the kernel
 * usually takes the whole buffer at once, which is checked right after it; only when it does not
 * is a completion asked for (see {@link #writeBatch}). Used on the connection's event loop only.
 */
final class Outbound {
  /** Stored-event paging waits while more than this is unflushed. */
  static final long ROOM_BYTES = 256 * 1024;
  /**
   * At most this much is handed to Netty (framed into one buffer) and not yet in the kernel;
   * the rest waits here as references to the event's shared bytes, a few dozen bytes each, so
   * thousands of lagging clients do not hold thousands of copies of each event.
   */
  static final int IN_SOCKET_BYTES = 16 * 1024;

  private final ServerWebSocket socket;
  private final ChannelHandlerContext channel;
  private final WebSocketCompression compression;
  private final MessageDeflater deflater;
  private final WriteGather gather;
  /** Past this a live subscription is closed rather than let the backlog grow without bound. */
  private final long overloadBytes;
  private final boolean deflateOffered;
  /** Whether this client, once it negotiated the extension, is sent compressed messages. */
  private final boolean compressesForClient;
  private final Deque<Promise<Void>> waitingForRoom = new ArrayDeque<>();
  private final Deque<OutgoingMessage> queued = new ArrayDeque<>();
  private boolean inSocket;
  private boolean marked;
  private boolean flushing;
  private boolean deflating;
  private long unflushed;
  private boolean closed;

  Outbound(ServerWebSocket socket, WebSocketCompression compression, MessageDeflater deflater, WriteGather gather,
      long overloadBytes) {
    this.socket = socket;
    this.channel = ((WebSocketInternal) socket).channelHandlerContext();
    this.compression = compression;
    this.deflater = deflater;
    this.gather = gather;
    this.overloadBytes = overloadBytes;
    String offer = socket.headers().get("Sec-WebSocket-Extensions");
    this.deflateOffered = compression.enabled() && offer != null && offer.contains("permessage-deflate");
    this.compressesForClient = compression.compressesFor(socket.headers().contains("Origin"));
  }

  /** Any relay message, as JSON text. */
  void send(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (compressing(bytes.length)) {
      Optional<byte[]> deflated = deflater.deflate(bytes);
      if (deflated.isPresent()) {
        write(OutgoingMessage.whole(true, deflated.get()));
        return;
      }
    }
    write(OutgoingMessage.whole(false, bytes));
  }

  /** An EVENT message: the subscription's prefix joined to the bytes all subscribers share. */
  void sendEvent(EventPrefix prefix, EventFrame event) {
    if (compressing(prefix.plain().length + event.tail().length)) {
      Optional<byte[]> deflated = event.deflatedTail(deflater);
      if (deflated.isPresent()) {
        write(new OutgoingMessage(true, prefix.storedBlock(), deflated.get()));
        return;
      }
    }
    write(new OutgoingMessage(false, prefix.plain(), event.tail()));
  }

  /** Completes once the backlog is below {@link #ROOM_BYTES}; fails if the socket closes first. */
  Future<Void> whenRoom() {
    if (closed) {
      return Future.failedFuture("connection closed");
    }
    if (unflushed < ROOM_BYTES) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    waitingForRoom.add(p);
    return p.future();
  }

  boolean overloaded() {
    return unflushed > overloadBytes;
  }

  void closed() {
    closed = true;
    queued.clear();
    while (!waitingForRoom.isEmpty()) {
      waitingForRoom.poll().tryFail("connection closed");
    }
  }

  private boolean compressing(int messageBytes) {
    return deflating() && compressesForClient && compression.worthTrying(messageBytes);
  }

  /**
   * Whether this connection negotiated permessage-deflate. Netty puts its compressor in the
   * pipeline once the handshake answer is written; it is taken out here (it would compress every
   * message again for this connection alone, and frames this class compressed must not also
   * pass through a compressor that keeps its own context).
   */
  private boolean deflating() {
    if (!deflating && deflateOffered) {
      ChannelHandler encoder = channel.pipeline().get(WebSocketExtensionEncoder.class);
      if (encoder != null) {
        channel.pipeline().remove(encoder);
        deflating = true;
      }
    }
    return deflating;
  }

  private void write(OutgoingMessage message) {
    if (closed || socket.isClosed()) {
      return; // nothing may follow a close frame, and Vert.x may have sent one already
    }
    unflushed += message.payloadLength();
    gather.tally().sent(message.deflated(), message.payloadLength());
    queued.add(message);
    markForFlush();
  }

  private void markForFlush() {
    if (!marked && !inSocket) {
      marked = true;
      gather.mark(this);
    }
  }

  /**
   * Called by the gather: frames what is waiting into one buffer per {@link #IN_SOCKET_BYTES}
   * and writes it, going on while the kernel takes each buffer at once.
   */
  void flush() {
    marked = false;
    if (flushing) {
      return;
    }
    flushing = true;
    try {
      while (!closed && !inSocket && !queued.isEmpty() && !socket.isClosed()) {
        writeBatch();
      }
    } finally {
      flushing = false;
    }
  }

  private void writeBatch() {
    int frames = 0;
    int count = 0;
    for (OutgoingMessage next : queued) {
      int length = FrameBatch.frameLength(next);
      if (count > 0 && frames + length > IN_SOCKET_BYTES) {
        break;
      }
      frames += length;
      count++;
    }
    FrameScratch scratch = gather.scratch();
    ByteBuf buffer = scratch.forFrames(channel.alloc(), frames);
    int payload = 0;
    for (int i = 0; i < count; i++) {
      OutgoingMessage next = queued.poll();
      FrameBatch.writeFrame(next, buffer);
      payload += next.payloadLength();
    }
    gather.tally().socketWrite();
    channel.writeAndFlush(scratch.toWrite(buffer), channel.voidPromise());
    scratch.afterWrite(buffer);
    if (allInKernel()) {
      unflushed -= payload;
      wakeWaiters();
      return;
    }
    // The kernel's buffer is full and part of this batch waits in Netty: an empty write queued
    // behind it completes once the batch is all in the kernel.
    int written = payload;
    inSocket = true;
    channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
      inSocket = false;
      unflushed -= written;
      if (!flushing && !queued.isEmpty()) {
        markForFlush();
      }
      wakeWaiters();
    });
  }

  /** Whether Netty holds nothing unwritten for this socket (a closed channel holds nothing). */
  private boolean allInKernel() {
    ChannelOutboundBuffer pending = channel.channel().unsafe().outboundBuffer();
    return pending == null || pending.isEmpty();
  }

  private void wakeWaiters() {
    while (unflushed < ROOM_BYTES && !waitingForRoom.isEmpty()) {
      waitingForRoom.poll().tryComplete();
    }
  }
}
