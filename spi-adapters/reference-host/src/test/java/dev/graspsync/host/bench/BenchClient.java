package dev.graspsync.host.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A lean WebSocket client for benchmarks: frames are inspected by prefix, never parsed, so
 * the client costs the machine as little as possible. The Vert.x client stays in a field.
 */
final class BenchClient implements AutoCloseable {
  private final WebSocketClient client;
  private final WebSocket socket;
  private volatile Consumer<String> onMessage = m -> {};

  BenchClient(Vertx vertx, int port) {
    client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(16 * 1024 * 1024));
    socket = await(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/")));
    socket.textMessageHandler(m -> onMessage.accept(m));
  }

  /** Publishes every frame and completes when as many OK messages have arrived. */
  Future<Integer> publishAll(String[] frames) {
    Promise<Integer> done = Promise.promise();
    int[] oks = {0, 0};
    onMessage = m -> {
      if (m.startsWith("[\"OK\"")) {
        oks[0]++;
        if (m.contains("\",true,")) {
          oks[1]++;
        }
        if (oks[0] == frames.length) {
          done.tryComplete(oks[1]);
        }
      }
    };
    for (String f : frames) {
      socket.writeTextMessage(f);
    }
    return done.future();
  }

  /** Sends a REQ and completes with the number of events received before its EOSE. */
  Future<Long> countUntilEose(String req) {
    Promise<Long> done = Promise.promise();
    long[] events = {0};
    onMessage = m -> {
      if (m.startsWith("[\"EVENT\"")) {
        events[0]++;
      } else if (m.startsWith("[\"EOSE\"")) {
        done.tryComplete(events[0]);
      } else {
        done.tryFail("unexpected: " + m.substring(0, Math.min(200, m.length())));
      }
    };
    socket.writeTextMessage(req);
    return done.future();
  }

  @Override
  public void close() {
    await(socket.close());
    await(client.close());
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
