package dev.graspsync.it.observability;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;

/**
 * A relay that accepts connections and ends every subscription at once with {@code CLOSED}
 * and the message the test chose: a relay that refuses, and whose words (anyone's words)
 * reach the operator's status page. Loopback only, on a free port.
 */
final class RefusingRelay implements AutoCloseable {
  private final HttpServer server;

  private RefusingRelay(HttpServer server) {
    this.server = server;
  }

  static RefusingRelay start(Vertx vertx, String closedMessage) {
    HttpServer server = vertx.createHttpServer()
        .webSocketHandler(socket -> refuseEverything(socket, closedMessage))
        .requestHandler(req -> req.response().setStatusCode(404).end())
        .listen(0, "127.0.0.1")
        .await();
    return new RefusingRelay(server);
  }

  private static void refuseEverything(ServerWebSocket socket, String closedMessage) {
    socket.textMessageHandler(text -> {
      try {
        JsonArray message = new JsonArray(text);
        if ("REQ".equals(message.getString(0)) || "NEG-OPEN".equals(message.getString(0))) {
          socket.writeTextMessage(new JsonArray().add("CLOSED").add(message.getString(1)).add(closedMessage).encode());
        }
      } catch (DecodeException | ClassCastException | IndexOutOfBoundsException e) {
        socket.writeTextMessage(new JsonArray().add("NOTICE").add("invalid: not a relay message").encode());
      }
    });
  }

  String url() {
    return "ws://127.0.0.1:" + server.actualPort();
  }

  @Override
  public void close() {
    server.close().await();
  }
}
