package dev.graspsync.it.harness;

import dev.graspsync.nostr.crypto.EventSigner;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.EventTemplate;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.message.ClientMessage;
import dev.graspsync.nostr.message.Decoded;
import dev.graspsync.nostr.message.MessageCodec;
import dev.graspsync.nostr.message.RelayMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain Nostr client for tests: one WebSocket to one relay, speaking through nostr-core's
 * codec. Publish and await OK, query until EOSE, keep live subscriptions, authenticate with
 * NIP-42, send raw text. Every frame received is kept ({@link #received()}, {@link
 * #malformed()}) so a test can assert on what a relay sent.
 *
 * <p>The WebSocketClient stays in a field for the life of the connection: Vert.x closes
 * clients nothing references. Socket callbacks run on a Vert.x event loop; the blocking
 * methods are for test threads only.
 */
public final class NostrTestClient implements AutoCloseable {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /** Big enough for the hostile relay's multi-megabyte event, so tests can see it arrive. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  private final WebSocketClient client;
  private final ClientWebSocket socket;
  private final String url;
  private final AtomicInteger nextSubscription = new AtomicInteger();
  private final Map<String, TestSubscription> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<RelayMessage.Ok>> pendingOks = new ConcurrentHashMap<>();
  private final List<RelayMessage> received = new CopyOnWriteArrayList<>();
  private final List<String> malformed = new CopyOnWriteArrayList<>();
  private final CompletableFuture<String> challenge = new CompletableFuture<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  private NostrTestClient(WebSocketClient client, ClientWebSocket socket, String url) {
    this.client = client;
    this.socket = socket;
    this.url = url;
    // Handlers go on before the handshake: a relay may speak first (NIP-42 AUTH on connect).
    socket.textMessageHandler(this::onText);
    socket.closeHandler(v -> onClose());
    socket.exceptionHandler(error -> onClose());
  }

  /** Connects with the default timeout and message size. */
  public static NostrTestClient connect(Vertx vertx, String url) {
    return connect(vertx, url, DEFAULT_TIMEOUT, DEFAULT_MAX_MESSAGE_BYTES);
  }

  public static NostrTestClient connect(Vertx vertx, String url, Duration timeout, int maxMessageBytes) {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setConnectTimeout((int) timeout.toMillis())
        .setMaxFrameSize(maxMessageBytes)
        .setMaxMessageSize(maxMessageBytes));
    NostrTestClient nostrClient = new NostrTestClient(client, client.webSocket(), url);
    Future<WebSocket> connecting = nostrClient.socket.connect(new WebSocketConnectOptions().setAbsoluteURI(url));
    try {
      connecting.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return nostrClient;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      client.close();
      throw new IllegalStateException("interrupted connecting to " + url, e);
    } catch (ExecutionException | TimeoutException e) {
      client.close();
      throw new IllegalStateException("cannot connect to " + url + " within " + timeout.toMillis() + " ms", e);
    }
  }

  public String url() {
    return url;
  }

  /** Sends EVENT and waits for the relay's OK for it. */
  public RelayMessage.Ok publish(Event event) {
    return publish(event, DEFAULT_TIMEOUT);
  }

  public RelayMessage.Ok publish(Event event, Duration timeout) {
    CompletableFuture<RelayMessage.Ok> ok = pendingOks.computeIfAbsent(event.id(), id -> new CompletableFuture<>());
    send(MessageCodec.encode(new ClientMessage.Publish(event)));
    return Futures.await(ok, timeout, "OK for " + event.id());
  }

  /**
   * Sends every event at once, then waits for all their OKs (a pipeline: fast for large
   * fixtures); fails naming the first event the relay refused.
   */
  public void publishAll(List<Event> events) {
    publishAll(events, DEFAULT_TIMEOUT.multipliedBy(3));
  }

  public void publishAll(List<Event> events, Duration timeout) {
    List<CompletableFuture<RelayMessage.Ok>> oks = new java.util.ArrayList<>(events.size());
    for (Event event : events) {
      oks.add(pendingOks.computeIfAbsent(event.id(), id -> new CompletableFuture<>()));
      send(MessageCodec.encode(new ClientMessage.Publish(event)));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int i = 0; i < events.size(); i++) {
      Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
      RelayMessage.Ok ok = Futures.await(oks.get(i), left, "OK for " + events.get(i).id());
      if (!ok.accepted()) {
        throw new AssertionError("relay " + url + " refused event " + i + " (" + events.get(i).id() + "): " + ok.message());
      }
    }
  }

  /** Opens a subscription (REQ) and returns at once; events, EOSE and CLOSED collect in it. */
  public TestSubscription subscribe(Filter... filters) {
    String id = "t" + nextSubscription.incrementAndGet();
    TestSubscription subscription = new TestSubscription(id, Arrays.asList(filters));
    subscriptions.put(id, subscription);
    send(MessageCodec.encode(new ClientMessage.Req(id, subscription.filters())));
    return subscription;
  }

  /** REQ, wait for EOSE, CLOSE: the stored events matching the filters, as the relay sent them. */
  public List<Event> query(Filter... filters) {
    return query(DEFAULT_TIMEOUT, filters);
  }

  public List<Event> query(Duration timeout, Filter... filters) {
    TestSubscription subscription = subscribe(filters);
    try {
      return subscription.awaitEose(timeout);
    } finally {
      unsubscribe(subscription);
    }
  }

  /** Sends CLOSE for the subscription and stops collecting for it. */
  public void unsubscribe(TestSubscription subscription) {
    subscriptions.remove(subscription.id());
    if (!isClosed()) {
      send(MessageCodec.encode(new ClientMessage.Close(subscription.id())));
    }
  }

  /**
   * NIP-42: waits for the relay's AUTH challenge, answers with a kind 22242 event signed by
   * {@code keys} and returns the relay's OK.
   */
  public RelayMessage.Ok authenticate(Keys keys) {
    String nonce = Futures.await(challenge, DEFAULT_TIMEOUT, "an AUTH challenge");
    Event auth = EventSigner.sign(new EventTemplate(
        System.currentTimeMillis() / 1000, 22242, List.of(List.of("relay", url), List.of("challenge", nonce)), ""), keys);
    CompletableFuture<RelayMessage.Ok> ok = pendingOks.computeIfAbsent(auth.id(), id -> new CompletableFuture<>());
    send(MessageCodec.encode(new ClientMessage.Auth(auth)));
    return Futures.await(ok, DEFAULT_TIMEOUT, "OK for AUTH");
  }

  /** The AUTH challenge, once the relay sent one. */
  public Optional<String> challenge() {
    return Optional.ofNullable(challenge.getNow(null));
  }

  /** Sends a text frame as it is (for malformed-input tests). */
  public void send(String text) {
    socket.writeTextMessage(text);
  }

  /** Every well-formed message received, in order. */
  public List<RelayMessage> received() {
    return List.copyOf(received);
  }

  /** Every frame nostr-core refused to decode, with the reason: {@code reason | text (cut)}. */
  public List<String> malformed() {
    return List.copyOf(malformed);
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  /** Waits until the connection is closed (by the relay, the network or us). */
  public void awaitClosed(Duration timeout) {
    Futures.await(closed, timeout, "the connection to close");
  }

  @Override
  public void close() {
    try {
      if (!isClosed()) {
        socket.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // closing is best effort: the client below ends the connection anyway
    } finally {
      client.close();
    }
  }

  private void onText(String text) {
    Decoded<RelayMessage> decoded = MessageCodec.decodeRelay(text);
    if (decoded instanceof Decoded.Ok<RelayMessage> ok) {
      dispatch(ok.message());
    } else if (decoded instanceof Decoded.Malformed<RelayMessage> bad) {
      malformed.add(bad.reason() + " | " + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
    }
  }

  private void dispatch(RelayMessage message) {
    received.add(message);
    if (message instanceof RelayMessage.EventMessage m) {
      subscription(m.subscriptionId()).ifPresent(s -> s.onEvent(m.event()));
    } else if (message instanceof RelayMessage.Eose m) {
      subscription(m.subscriptionId()).ifPresent(TestSubscription::onEose);
    } else if (message instanceof RelayMessage.Closed m) {
      Optional.ofNullable(subscriptions.remove(m.subscriptionId())).ifPresent(s -> s.onClosed(m.message()));
    } else if (message instanceof RelayMessage.Ok m) {
      pendingOks.computeIfAbsent(m.eventId(), id -> new CompletableFuture<>()).complete(m);
    } else if (message instanceof RelayMessage.AuthChallenge m) {
      challenge.complete(m.challenge());
    }
    // NOTICE, COUNT and NIP-77 replies are only recorded in received()
  }

  private Optional<TestSubscription> subscription(String id) {
    return Optional.ofNullable(subscriptions.get(id));
  }

  private void onClose() {
    closed.complete(null);
  }
}
