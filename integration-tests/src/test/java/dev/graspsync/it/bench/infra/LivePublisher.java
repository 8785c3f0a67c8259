package dev.graspsync.it.bench.infra;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.message.ClientMessage;
import dev.graspsync.nostr.message.MessageCodec;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One open WebSocket per relay for publishing single events at chosen moments: {@link
 * #send} writes the EVENT at once (from any thread) and does not wait for the OK, which is only
 * counted. Clients stay in fields until {@link #close()}.
 */
public final class LivePublisher implements AutoCloseable {
  private final Map<String, WebSocketClient> clients = new LinkedHashMap<>();
  private final Map<String, WebSocket> sockets = new LinkedHashMap<>();
  private final AtomicLong oks = new AtomicLong();

  public LivePublisher(Vertx vertx, List<String> urls) {
    for (String url : urls) {
      WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setConnectTimeout(10_000));
      clients.put(url, client);
      WebSocket socket = client.connect(new WebSocketConnectOptions().setAbsoluteURI(url)).await();
      socket.textMessageHandler(text -> {
        if (text.startsWith("[\"OK\"")) {
          oks.incrementAndGet();
        }
      });
      sockets.put(url, socket);
    }
  }

  public void send(String url, Event event) {
    sockets.get(url).writeTextMessage(MessageCodec.encode(new ClientMessage.Publish(event)));
  }

  public long oks() {
    return oks.get();
  }

  @Override
  public void close() {
    sockets.values().forEach(WebSocket::close);
    clients.values().forEach(WebSocketClient::close);
  }
}
