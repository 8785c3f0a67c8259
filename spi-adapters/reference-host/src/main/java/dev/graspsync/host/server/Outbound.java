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

  private final ChannelHandlerContext channel;
  private final WebSocketCompression compression;
  private final MessageDeflater deflater;
  private final FanoutMetrics metrics;
  /** Past this a live subscription is closed rather than let the backlog grow without bound. */
  private final long overloadBytes;
  private final boolean deflateOffered;
  private final Deque<Promise<Void>> waitingForRoom = new ArrayDeque<>();
  private boolean deflating;
  private long unflushed;
  private boolean flushScheduled;
  private boolean closed;

  Outbound(ServerWebSocket socket, WebSocketCompression compression, MessageDeflater deflater, FanoutMetrics metrics,
      long overloadBytes) {
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
        write(true, Unpooled.wrappedBuffer(deflated.get()));
        return;
      }
    }
    write(false, Unpooled.wrappedBuffer(bytes));
  }

  /** An EVENT message: the subscription's prefix joined to the bytes all subscribers share. */
  void sendEvent(EventPrefix prefix, EventFrame event) {
    if (deflating() && compression.worthTrying(prefix.plain().length + event.tail().length)) {
      Optional<byte[]> deflated = event.deflatedTail(deflater);
      if (deflated.isPresent()) {
        write(true, Unpooled.wrappedBuffer(prefix.storedBlock(), deflated.get()));
        return;
      }
    }
    write(false, Unpooled.wrappedBuffer(prefix.plain(), event.tail()));
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

  private void write(boolean deflated, ByteBuf payload) {
    if (closed) {
      return;
    }
    int size = payload.readableBytes();
    unflushed += size;
    metrics.sent(deflated, size);
    channel.write(new TextWebSocketFrame(true, deflated ? WebSocketExtension.RSV1 : 0, payload)).addListener(f -> {
      unflushed -= size;
      wakeWaiters();
    });
    if (!flushScheduled) {
      flushScheduled = true;
      channel.executor().execute(this::flush);
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
