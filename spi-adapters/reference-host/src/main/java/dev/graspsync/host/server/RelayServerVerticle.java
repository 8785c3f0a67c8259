package dev.graspsync.host.server;

import dev.graspsync.host.config.WebSocketCompression;
import dev.graspsync.host.wire.MessageDeflater;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;

/**
 * One instance of the relay's HTTP server (several share the port, one per event loop). It
 * owns the connections it accepted and their live subscription index, all on its event loop.
 */
public final class RelayServerVerticle extends VerticleBase {
  private final String host;
  private final int port;
  private final int hardMessageBytes;
  private final ServerGate gate;
  private final LiveFanout fanout;
  private final HttpRoutes routes;
  private final WebSocketCompression compression;
  private final SubscriptionIndex<Subscription> liveIndex = new SubscriptionIndex<>();
  private HttpServer server;
  private Context loop;
  private MessageDeflater deflater;
  private WriteGather gather;

  public RelayServerVerticle(String host, int port, int hardMessageBytes, ServerGate gate, LiveFanout fanout, HttpRoutes routes,
      WebSocketCompression compression) {
    this.host = host;
    this.port = port;
    this.hardMessageBytes = hardMessageBytes;
    this.gate = gate;
    this.fanout = fanout;
    this.routes = routes;
    this.compression = compression;
  }

  @Override
  public Future<?> start() {
    loop = context;
    gather = new WriteGather(context, tally -> gate.services().ifPresent(s -> tally.reportTo(s.metrics().fanout())));
    deflater = new MessageDeflater(compression.level());
    // Only permessage-deflate (deflate-frame is an obsolete draft). The server never carries
    // context between messages, so a client asking for server_no_context_takeover is granted
    // it; a client that offers client_no_context_takeover is asked to use it, so that the
    // decompressor of its (rare, large) messages is not kept per connection.
    HttpServerOptions options = new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setMaxWebSocketFrameSize(hardMessageBytes)
        .setMaxWebSocketMessageSize(hardMessageBytes)
        .setPerFrameWebSocketCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(compression.enabled())
        .setWebSocketCompressionLevel(compression.level())
        .setWebSocketAllowServerNoContext(true)
        .setWebSocketPreferredClientNoContext(true);
    server = vertx.createHttpServer(options)
        .webSocketHandshakeHandler(this::handshake)
        .webSocketHandler(this::connected)
        .requestHandler(routes::handle);
    fanout.register(this);
    return server.listen();
  }

  @Override
  public Future<?> stop() {
    fanout.unregister(this);
    return server.close().andThen(ar -> {
      deflater.close();
      gather.release();
    });
  }

  /** The port actually bound (useful when 0 was asked for). */
  public int actualPort() {
    return server.actualPort();
  }

  void deliver(LiveEvent event, long acceptedNanos) {
    loop.runOnContext(v -> {
      long started = System.nanoTime();
      int[] delivered = {0};
      liveIndex.forEachMatching(event.frame().event(), sub -> {
        if (sub.connection().deliverLive(sub, event)) {
          delivered[0]++;
        }
      });
      if (delivered[0] > 0) {
        int n = delivered[0];
        long queued = started - acceptedNanos;
        gather.afterFlush(() -> gate.services()
            .ifPresent(s -> s.metrics().fanout().fannedOut(n, queued, System.nanoTime() - acceptedNanos)));
      }
    });
  }

  private void handshake(ServerWebSocketHandshake handshake) {
    if (!"/".equals(handshake.path())) {
      handshake.reject(404);
    } else if (gate.services().isEmpty()) {
      handshake.reject(503);
    } else {
      handshake.accept();
    }
  }

  private void connected(ServerWebSocket socket) {
    gate.services().ifPresentOrElse(
        services -> new ClientConnection(socket, services, liveIndex,
            new Outbound(socket, compression, deflater, gather, services.limits().maxClientBacklogBytes())).start(),
        () -> socket.close((short) 1001, "relay is shutting down"));
  }
}
