package dev.graspsync.it.bench.infra;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.message.ClientMessage;
import dev.graspsync.nostr.message.Decoded;
import dev.graspsync.nostr.message.MessageCodec;
import dev.graspsync.nostr.message.RelayMessage;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Publishes many events to one relay over one WebSocket, pipelined: up to {@code window}
 * EVENTs wait for their OK at once, and the socket's write queue is respected. Completes once
 * every event has its OK. The client lives in a field until the publish ends.
 */
public final class BulkPublisher {
  private final Vertx vertx;
  private final String url;
  private final List<Event> events;
  private final int window;
  private final WebSocketClient client;
  private final Promise<PublishResult> done = Promise.promise();
  private WebSocket socket;
  private int next;
  private int inFlight;
  private long accepted;
  private long duplicates;
  private long refused;
  private Optional<String> firstRefusal = Optional.empty();

  private BulkPublisher(Vertx vertx, String url, List<Event> events, int window) {
    this.vertx = vertx;
    this.url = url;
    this.events = events;
    this.window = window;
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(4 << 20).setMaxMessageSize(4 << 20).setConnectTimeout(10_000));
  }

  /** Blocks the caller (not an event loop) until every event has its OK or {@code timeout} passes. */
  public static PublishResult publish(Vertx vertx, String url, List<Event> events, int window, Duration timeout) {
    if (events.isEmpty()) {
      return PublishResult.NONE;
    }
    BulkPublisher p = new BulkPublisher(vertx, url, events, window);
    try {
      Context ctx = vertx.getOrCreateContext();
      ctx.runOnContext(v -> p.begin());
      return p.done.future().timeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).await();
    } finally {
      p.client.close();
    }
  }

  private void begin() {
    client.connect(new WebSocketConnectOptions().setAbsoluteURI(url)).onComplete(ar -> {
      if (ar.failed()) {
        done.tryFail(ar.cause());
        return;
      }
      socket = ar.result();
      socket.textMessageHandler(this::onText);
      socket.closeHandler(v -> done.tryFail(new IllegalStateException(url + " closed the connection after "
          + (accepted + duplicates + refused) + " OKs")));
      pump();
    });
  }

  private void pump() {
    while (next < events.size() && inFlight < window) {
      if (socket.writeQueueFull()) {
        socket.drainHandler(v -> pump());
        return;
      }
      socket.writeTextMessage(MessageCodec.encode(new ClientMessage.Publish(events.get(next++))));
      inFlight++;
    }
  }

  private void onText(String text) {
    Decoded<RelayMessage> decoded = MessageCodec.decodeRelay(text);
    if (decoded instanceof Decoded.Ok<RelayMessage> ok && ok.message() instanceof RelayMessage.Ok m) {
      inFlight--;
      if (m.accepted()) {
        if (m.message().startsWith("duplicate:")) {
          duplicates++;
        } else {
          accepted++;
        }
      } else if (m.message().startsWith("duplicate:")) {
        duplicates++;
      } else {
        refused++;
        if (firstRefusal.isEmpty()) {
          firstRefusal = Optional.of(m.message());
        }
      }
      if (accepted + duplicates + refused == events.size()) {
        done.tryComplete(new PublishResult(accepted, duplicates, refused, firstRefusal));
        socket.close();
      } else {
        pump();
      }
    }
  }
}
