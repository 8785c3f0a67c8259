package dev.graspsync.sync.session;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.message.ClientMessage;
import dev.graspsync.nostr.message.Decoded;
import dev.graspsync.nostr.message.MessageCodec;
import dev.graspsync.nostr.message.RelayMessage;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * TEST FIXTURE: a small scriptable relay on loopback, to play the external relays a session
 * meets, hostile ones included. Not a relay implementation: each test scripts what it says.
 * The default script ({@link #storedEvents}) answers REQs from a list, NIP-01 style, with a
 * per-filter cap. Public for the engine's component tests.
 */
public final class TestRelay implements AutoCloseable {

  /** What the relay does with each message a client sends. Runs on the relay's event loop. */
  public interface Script {
    default void onOpen(Connection connection) {}

    void onMessage(Connection connection, ClientMessage message);
  }

  /** One client connection, from the relay's side. */
  public static final class Connection {
    final ServerWebSocket ws;

    Connection(ServerWebSocket ws) {
      this.ws = ws;
    }

    public void send(RelayMessage message) {
      ws.writeTextMessage(MessageCodec.encode(message));
    }

    public void sendRaw(String text) {
      ws.writeTextMessage(text);
    }

    void sendFrame(WebSocketFrame frame) {
      ws.writeFrame(frame);
    }

    /** Writes every message, waiting for the socket to drain whenever its queue is full. */
    void pump(Iterator<String> messages, Runnable done) {
      while (messages.hasNext()) {
        if (ws.isClosed()) {
          return;
        }
        if (ws.writeQueueFull()) {
          ws.drainHandler(v -> pump(messages, done));
          return;
        }
        ws.writeTextMessage(messages.next());
      }
      done.run();
    }
  }

  private final HttpServer server;
  private final List<ClientMessage> received = new CopyOnWriteArrayList<>();

  private TestRelay(HttpServer server) {
    this.server = server;
  }

  public static TestRelay start(Vertx vertx, Script script) {
    TestRelay[] holder = new TestRelay[1];
    HttpServer server =
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
            .setMaxWebSocketFrameSize(1 << 20).setMaxWebSocketMessageSize(1 << 20));
    TestRelay relay = new TestRelay(server);
    holder[0] = relay;
    server.webSocketHandler(
        ws -> {
          Connection connection = new Connection(ws);
          ws.textMessageHandler(
              text -> {
                Decoded<ClientMessage> decoded = MessageCodec.decodeClient(text);
                if (decoded instanceof Decoded.Ok<ClientMessage> ok) {
                  relay.received.add(ok.message());
                  script.onMessage(connection, ok.message());
                } else {
                  connection.send(new RelayMessage.Notice("malformed: " + text));
                }
              });
          script.onOpen(connection);
        });
    try {
      server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("test relay did not start", e);
    }
    return relay;
  }

  public String url() {
    return "ws://127.0.0.1:" + server.actualPort();
  }

  int port() {
    return server.actualPort();
  }

  public List<ClientMessage> received() {
    return List.copyOf(received);
  }

  public List<ClientMessage.Req> reqs() {
    List<ClientMessage.Req> reqs = new ArrayList<>();
    for (ClientMessage m : received) {
      if (m instanceof ClientMessage.Req r) {
        reqs.add(r);
      }
    }
    return reqs;
  }

  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("test relay did not stop", e);
    }
  }

  /**
   * The stored events matching a REQ the way NIP-01 relays answer: per filter, newest first
   * (ties by id), at most min(limit, cap); one copy of each event per REQ.
   */
  public static List<Event> query(List<Event> stored, List<Filter> filters, int cap) {
    Map<String, Event> out = new LinkedHashMap<>();
    for (Filter f : filters) {
      int limit = Math.min(f.limit().orElse(cap), cap);
      stored.stream()
          .filter(f::matches)
          .sorted(Comparator.comparingLong(Event::createdAt).reversed().thenComparing(Event::id))
          .limit(limit)
          .forEach(e -> out.putIfAbsent(e.id(), e));
    }
    return List.copyOf(out.values());
  }

  /**
   * Answers every REQ with {@code count} kind-1 events as fast as the socket takes them, then
   * EOSE. Built as text: the relay side need not parse what it floods.
   */
  static Script flood(int count) {
    return (connection, message) -> {
      if (message instanceof ClientMessage.Req req) {
        String id = req.subscriptionId();
        Iterator<String> events =
            new Iterator<>() {
              int sent;

              @Override
              public boolean hasNext() {
                return sent < count;
              }

              @Override
              public String next() {
                sent++;
                return "[\"EVENT\",\"" + id + "\",{\"id\":\"" + String.format("%064x", sent)
                    + "\",\"pubkey\":\"" + "a".repeat(64) + "\",\"created_at\":" + (1_700_000_000L + sent)
                    + ",\"kind\":1,\"tags\":[],\"content\":\"\",\"sig\":\"" + "b".repeat(128) + "\"}]";
              }
            };
        connection.pump(events, () -> connection.send(new RelayMessage.Eose(id)));
      }
    };
  }

  /** Answers every REQ from {@code stored} (at most {@code cap} events a filter), then EOSE. */
  public static Script storedEvents(List<Event> stored, int cap) {
    return (connection, message) -> {
      if (message instanceof ClientMessage.Req req) {
        for (Event e : query(stored, req.filters(), cap)) {
          connection.send(new RelayMessage.EventMessage(req.subscriptionId(), e));
        }
        connection.send(new RelayMessage.Eose(req.subscriptionId()));
      }
    };
  }
}
