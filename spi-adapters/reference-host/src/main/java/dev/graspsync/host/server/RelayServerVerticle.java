package dev.graspsync.host.server;

import dev.graspsync.nostr.event.Event;
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
  private final SubscriptionIndex<Subscription> liveIndex = new SubscriptionIndex<>();
  private HttpServer server;
  private Context loop;

  public RelayServerVerticle(String host, int port, int hardMessageBytes, ServerGate gate, LiveFanout fanout, HttpRoutes routes) {
    this.host = host;
    this.port = port;
    this.hardMessageBytes = hardMessageBytes;
    this.gate = gate;
    this.fanout = fanout;
    this.routes = routes;
  }

  @Override
  public Future<?> start() {
    loop = context;
    HttpServerOptions options = new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setMaxWebSocketFrameSize(hardMessageBytes)
        .setMaxWebSocketMessageSize(hardMessageBytes);
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
    return server.close();
  }

  /** The port actually bound (useful when 0 was asked for). */
  public int actualPort() {
    return server.actualPort();
  }

  void deliver(Event event) {
    loop.runOnContext(v -> {
      for (Subscription sub : liveIndex.matching(event)) {
        sub.connection().deliverLive(sub, event);
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
        services -> new ClientConnection(socket, services, liveIndex).start(),
        () -> socket.close((short) 1001, "relay is shutting down"));
  }
}
