package dev.graspsync.host.server;

import dev.graspsync.host.config.WebSocketCompression;
import dev.graspsync.host.metrics.FanoutMetrics;
import dev.graspsync.host.wire.EventFrame;
import dev.graspsync.host.wire.EventPrefix;
import dev.graspsync.host.wire.MessageDeflater;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;
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
 * the event's compressed bytes, which are made once per event for all subscribers. Writes are
 * flushed once per event-loop task. Used on the connection's event loop only.
 */
final class Outbound {
  /** Stored-event paging waits while more than this is unflushed. */
  static final long ROOM_BYTES = 256 * 1024;
  /**
   * At most this much is handed to Netty (encoded into buffers of its own) and not yet in the
   * kernel; the rest waits here as references to the event's shared bytes, a few dozen bytes
   * each, so thousands of lagging clients do not hold thousands of copies of each event.
   */
  static final long IN_SOCKET_BYTES = 16 * 1024;

  /** A message waiting to be handed to Netty; its payload is built only then. */
  private record Pending(boolean deflated, int size, byte[] first, byte[] second) {
    ByteBuf payload() {
      return second.length == 0 ? Unpooled.wrappedBuffer(first) : Unpooled.wrappedBuffer(first, second);
    }
  }

  private static final byte[] NOTHING = new byte[0];

  private final ServerWebSocket socket;
  private final ChannelHandlerContext channel;
  private final WebSocketCompression compression;
  private final MessageDeflater deflater;
  private final FanoutMetrics metrics;
  /** Past this a live subscription is closed rather than let the backlog grow without bound. */
  private final long overloadBytes;
  private final boolean deflateOffered;
  private final Deque<Promise<Void>> waitingForRoom = new ArrayDeque<>();
  private final Deque<Pending> queued = new ArrayDeque<>();
  private long inSocket;
  private boolean pumping;
  private boolean deflating;
  private long unflushed;
  private boolean flushScheduled;
  private boolean closed;

  Outbound(ServerWebSocket socket, WebSocketCompression compression, MessageDeflater deflater, FanoutMetrics metrics,
      long overloadBytes) {
    this.socket = socket;
    this.channel = ((WebSocketInternal) socket).channelHandlerContext();
    this.compression = compression;
    this.deflater = deflater;
    this.metrics = metrics;
    this.overloadBytes = overloadBytes;
    String offer = socket.headers().get("Sec-WebSocket-Extensions");
    this.deflateOffered = compression.enabled() && offer != null && offer.contains("permessage-deflate");
  }

  /** Any relay message, as JSON text. */
  void send(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (deflating() && compression.worthTrying(bytes.length)) {
      Optional<byte[]> deflated = deflater.deflate(bytes);
      if (deflated.isPresent()) {
        write(true, deflated.get(), NOTHING);
        return;
      }
    }
    write(false, bytes, NOTHING);
  }

  /** An EVENT message: the subscription's prefix joined to the bytes all subscribers share. */
  void sendEvent(EventPrefix prefix, EventFrame event) {
    if (deflating() && compression.worthTrying(prefix.plain().length + event.tail().length)) {
      Optional<byte[]> deflated = event.deflatedTail(deflater);
      if (deflated.isPresent()) {
        write(true, prefix.storedBlock(), deflated.get());
        return;
      }
    }
    write(false, prefix.plain(), event.tail());
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

  private void write(boolean deflated, byte[] first, byte[] second) {
    if (closed || socket.isClosed()) {
      return; // nothing may follow a close frame, and Vert.x may have sent one already
    }
    int size = first.length + second.length;
    unflushed += size;
    metrics.sent(deflated, size);
    queued.add(new Pending(deflated, size, first, second));
    pump();
  }

  /** Hands queued frames to Netty while less than {@link #IN_SOCKET_BYTES} is in its hands. */
  private void pump() {
    if (pumping) {
      return; // a write that failed at once (socket gone) completes inside the loop below
    }
    pumping = true;
    try {
      handOver();
    } finally {
      pumping = false;
    }
    if (!flushScheduled && inSocket > 0) {
      flushScheduled = true;
      channel.executor().execute(this::flush);
    }
  }

  private void handOver() {
    while (!closed && !queued.isEmpty() && (inSocket == 0 || inSocket + queued.peek().size() <= IN_SOCKET_BYTES)) {
      Pending next = queued.poll();
      int size = next.size();
      inSocket += size;
      channel.write(new TextWebSocketFrame(true, next.deflated() ? WebSocketExtension.RSV1 : 0, next.payload())).addListener(f -> {
        inSocket -= size;
        unflushed -= size;
        pump();
        wakeWaiters();
      });
    }
  }

  private void flush() {
    flushScheduled = false;
    channel.flush();
  }

  private void wakeWaiters() {
    while (unflushed < ROOM_BYTES && !waitingForRoom.isEmpty()) {
      waitingForRoom.poll().tryComplete();
    }
  }
}
