package dev.graspsync.host.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A raw WebSocket client on loopback: sends text, collects every message the relay sends as
 * a JSON array, and reads them with deadlines. The Vert.x client is kept in a field for as
 * long as the socket lives (Vert.x 5 closes unreferenced clients).
 */
public final class TestClient implements AutoCloseable {
  public static final Duration WAIT = Duration.ofSeconds(10);

  private final WebSocketClient client;
  private final WebSocket socket;
  private final LinkedBlockingQueue<JsonArray> received = new LinkedBlockingQueue<>();
  private volatile boolean closed;
  private volatile short closeStatus;

  private TestClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
  }

  public static TestClient connect(Vertx vertx, int port) {
    return connect(vertx, port, 64 * 1024 * 1024);
  }

  public static TestClient connect(Vertx vertx, int port, int maxMessageBytes) {
    return connect(vertx, port, new WebSocketClientOptions()
        .setMaxFrameSize(maxMessageBytes).setMaxMessageSize(maxMessageBytes));
  }

  /** A browser as the relay sees one: it offers permessage-deflate and names its page's origin. */
  public static TestClient connectCompressed(Vertx vertx, int port) {
    return connect(vertx, port, compressing(), new WebSocketConnectOptions().addHeader("Origin", "https://client.example"));
  }

  /**
   * A client library that offers permessage-deflate and sends no Origin, as Node's ws does by
   * default (Vert.x's own client would send one unless told not to).
   */
  public static TestClient connectCompressedLibrary(Vertx vertx, int port) {
    return connect(vertx, port, compressing(), new WebSocketConnectOptions().setAllowOriginHeader(false));
  }

  private static WebSocketClientOptions compressing() {
    return new WebSocketClientOptions()
        .setMaxFrameSize(64 * 1024 * 1024).setMaxMessageSize(64 * 1024 * 1024).setTryUsePerMessageCompression(true);
  }

  /** A client whose socket buffers little, so that when it stops reading the relay notices soon. */
  public static TestClient connectSmallBuffer(Vertx vertx, int port) {
    return connect(vertx, port, new WebSocketClientOptions()
        .setMaxFrameSize(64 * 1024 * 1024).setMaxMessageSize(64 * 1024 * 1024).setReceiveBufferSize(64 * 1024));
  }

  private static TestClient connect(Vertx vertx, int port, WebSocketClientOptions clientOptions) {
    return connect(vertx, port, clientOptions, new WebSocketConnectOptions());
  }

  private static TestClient connect(Vertx vertx, int port, WebSocketClientOptions clientOptions,
      WebSocketConnectOptions options) {
    WebSocketClient client = vertx.createWebSocketClient(clientOptions);
    options.setHost("127.0.0.1").setPort(port).setURI("/");
    WebSocket socket = await(client.connect(options));
    TestClient c = new TestClient(client, socket);
    socket.textMessageHandler(text -> c.received.add(new JsonArray(text)));
    socket.closeHandler(v -> {
      Short status = socket.closeStatusCode();
      c.closeStatus = status == null ? 0 : status;
      c.closed = true;
    });
    return c;
  }

  public void send(String text) {
    await(socket.writeTextMessage(text));
  }

  /** Sends without waiting for the write to complete (for floods). */
  public void sendAsync(String text) {
    socket.writeTextMessage(text);
  }

  /** The next message, failing after {@link #WAIT}. */
  public JsonArray next() {
    try {
      JsonArray m = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(m).as("a message from the relay within " + WAIT).isNotNull();
      return m;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Skips messages until one matches. */
  public JsonArray nextMatching(Predicate<JsonArray> wanted) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonArray m = next();
      if (wanted.test(m)) {
        return m;
      }
    }
    throw new AssertionError("no matching message within " + WAIT);
  }

  /** Messages up to and including the EOSE of {@code subId}. */
  public List<JsonArray> untilEose(String subId) {
    List<JsonArray> out = new ArrayList<>();
    while (true) {
      JsonArray m = next();
      out.add(m);
      if ("EOSE".equals(m.getString(0)) && subId.equals(m.getString(1))) {
        return out;
      }
    }
  }

  /** Nothing arrives within {@code quiet} (to check that something did NOT happen). */
  public void expectSilence(Duration quiet) {
    try {
      JsonArray m = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(m).as("no message expected").isNull();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Stops reading from the socket, as a client that hangs or is too slow would. */
  public void stopReading() {
    socket.pause();
  }

  public void resumeReading() {
    socket.resume();
  }

  public boolean isClosed() {
    return closed;
  }

  public short closeStatus() {
    return closeStatus;
  }

  @Override
  public void close() {
    if (!closed) {
      try {
        socket.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // already gone
      }
    }
    try {
      client.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // already gone
    }
  }

  /** The elements of a relay message, typed for assertions. */
  @SuppressWarnings("unchecked")
  public static List<Object> items(JsonArray message) {
    return (List<Object>) message.getList();
  }

  public static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("Vert.x future did not complete: " + e, e);
    }
  }
}
