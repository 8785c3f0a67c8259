package dev.graspsync.sync.session;

import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.message.ClientMessage;
import dev.graspsync.sync.dial.DialTarget;
import dev.graspsync.sync.dial.PinnedNameEngineOptions;
import dev.graspsync.sync.session.OpenSubscription.Kind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.TrustOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection to one external relay, with its subscriptions.
 *
 * <p>Owned by one Vert.x event-loop context (the relay's verticle): build it there, call every
 * method there; listeners are called there. No locks. A session connects once; after it
 * disconnects, build a new one (its counters describe one connection).
 *
 * <p>What it does for the caller: answers NIP-42 AUTH challenges when given keys; keeps
 * history subscriptions (paged until nothing new) and live ones; ends every subscription with
 * exactly one typed {@link SubscriptionOutcome} (EOSE, each kind of CLOSED, EOSE timeout,
 * disconnect); drops and counts events it did not ask for (unknown or closed subscription, no
 * matching filter), repeats, oversize and malformed messages; and stops reading from the
 * socket while {@code max-in-flight} delivered events are unsettled, or while the {@link
 * InFlightBudget} it shares with other sessions is spent, so memory stays bounded however fast
 * the relays send and however many there are.
 *
 * <p>It keeps its {@link WebSocketClient} in a field and closes it when the connection ends:
 * Vert.x 5 closes unreachable clients, sockets included.
 */
public final class RelaySession {
  private static final Logger LOG = LoggerFactory.getLogger(RelaySession.class);

  private enum State { NEW, CONNECTING, OPEN, CLOSED }

  private final Context context;
  private final Thread owner;
  private final RelayAddress address;
  private final SessionConfig config;
  private final SessionListener listener;
  private final Scheduler scheduler;
  private final Clock clock;
  private final CounterSet counters;
  private final Nip42Auth auth;
  private final RelayInbox inbox;
  private final Subscriptions subscriptions;
  private final Reconciliations reconciliations;
  private final WebSocketClient client;
  private final Optional<DialTarget> dialTarget;
  private final Outbox outbox;
  private final Promise<Void> closed = Promise.promise();
  private State state = State.NEW;
  private Optional<WebSocket> socket = Optional.empty();
  private boolean closeRequested;
  private String lastError = "";

  RelaySession(RelaySessionBuilder b, Context context) {
    this.context = context;
    this.owner = Thread.currentThread();
    this.address = RelayAddress.parse(b.url);
    this.config = b.config;
    this.listener = b.listener;
    this.scheduler = b.scheduler.orElseGet(() -> Scheduler.vertx(b.vertx));
    this.clock = b.clock;
    this.counters = new CounterSet(b.metrics);
    this.auth = new Nip42Auth(b.keys, b.clock, address.url());
    this.subscriptions =
        new Subscriptions(context, owner, new SocketWire(), config, scheduler, counters, auth, new SubscriptionIds(),
            b.budget);
    this.reconciliations = new Reconciliations(this::send, scheduler);
    this.inbox = new RelayInbox(address.url(), config.maxMessageBytes(), counters, subscriptions, reconciliations, auth,
        listener, this::send);
    this.dialTarget = b.dialTarget;
    WebSocketClientOptions options = new WebSocketClientOptions()
        .setMaxFrameSize(config.maxFrameBytes())
        .setMaxMessageSize(config.maxFrameBytes())
        .setVerifyHost(true);
    b.trust.map(TrustOptions::copy).ifPresent(options::setTrustOptions);
    if (address.ssl()) {
      // the socket goes to the checked address; TLS must still speak to (and verify) the name
      dialTarget.ifPresent(t -> options.setSslEngineOptions(new PinnedNameEngineOptions(t.host())));
    }
    this.client = b.vertx.createWebSocketClient(options);
    this.outbox = new Outbox(b.vertx, this::write);
    closed.future().onComplete(v -> outbox.close());
  }

  /** Starts building a session for {@code relayUrl} (ws or wss); call on the owner's context. */
  public static RelaySessionBuilder builder(Vertx vertx, String relayUrl) {
    return new RelaySessionBuilder(vertx, relayUrl);
  }

  /** The relay URL as given. */
  public String url() {
    return address.url();
  }

  /**
   * Opens the WebSocket. Fails on a bad state, refused connection, failed handshake, or when
   * {@code timeout} passes first. A failed connect does not call {@link
   * SessionListener#onDisconnected}; the session is then closed.
   */
  public Future<Void> connect(Duration timeout) {
    checkOwner();
    if (state != State.NEW) {
      return Future.failedFuture(new IllegalStateException("a session connects once; build a new one"));
    }
    state = State.CONNECTING;
    Promise<Void> connected = Promise.promise();
    long deadline =
        scheduler.schedule(
            timeout,
            () -> {
              if (state == State.CONNECTING) {
                state = State.CLOSED;
                client.close();
                closed.tryComplete();
                connected.tryFail("connect to " + address.url() + " timed out after " + timeout);
              }
            });
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost(address.host())
            .setPort(address.port())
            .setSsl(address.ssl())
            .setURI(address.requestUri())
            .setConnectTimeout(Math.max(1, timeout.toMillis()));
    // the checked address, not the name again (Vert.x's WebSocket client dials its host
    // option and ignores setServer); Host, SNI and the certificate's name stay the relay's
    dialTarget.ifPresent(t -> options.setHost(t.address().getHostAddress())
        .putHeader(HttpHeaders.HOST, address.hostHeader()));
    client
        .connect(options)
        .onComplete(
            ar -> {
              scheduler.cancel(deadline);
              if (state != State.CONNECTING) {
                if (ar.succeeded()) {
                  ar.result().close();
                }
                connected.tryFail("session closed while connecting");
                return;
              }
              if (ar.failed()) {
                state = State.CLOSED;
                client.close();
                closed.tryComplete();
                connected.tryFail(ar.cause());
                return;
              }
              attach(ar.result());
              connected.tryComplete();
            });
    return connected.future();
  }

  /**
   * Ends the connection on purpose. Open subscriptions end as {@link SubscriptionOutcome.Cancelled}
   * and {@link SessionListener#onDisconnected} is called with {@code requested = true}. The
   * future completes once the socket is closed.
   */
  public Future<Void> close() {
    checkOwner();
    closeRequested = true;
    switch (state) {
      case NEW, CONNECTING -> {
        state = State.CLOSED;
        client.close();
        closed.tryComplete();
      }
      case OPEN -> {
        // permits go back now, and a paused socket reads on to the relay's answer to our close
        subscriptions.stopDelivering();
        socket.ifPresent(WebSocket::close);
      }
      case CLOSED -> {}
    }
    return closed.future();
  }

  public boolean isConnected() {
    return state == State.OPEN;
  }

  /**
   * Stored history up to EOSE, paged (see {@link HistoryPaging}): each filter's {@code limit}
   * is its page size (default {@code history-page-limit}); {@code since}/{@code until} bound
   * the history. Ends with {@link SubscriptionOutcome.HistoryComplete} or a failure outcome.
   *
   * @return the subscription id (for {@link #closeSubscription}; the first REQ uses it too)
   * @throws IllegalArgumentException when {@code filters} is empty
   */
  public String openHistory(List<Filter> filters, SubscriptionListener listener) {
    checkOwner();
    return subscriptions.open(Kind.HISTORY, filters, Objects.requireNonNull(listener));
  }

  /**
   * Live events: a filter without {@code since} gets now minus {@code live-lookback}. The
   * listener's {@link SubscriptionListener#onLive} is called at EOSE; the subscription stays
   * open until it is closed, refused or disconnected, or sees no EOSE in time.
   */
  public String openLive(List<Filter> filters, SubscriptionListener listener) {
    checkOwner();
    long since = clock.instant().minus(config.liveLookback()).getEpochSecond();
    List<Filter> live = new ArrayList<>(filters.size());
    for (Filter f : filters) {
      live.add(f.since().isPresent() ? f : f.withSince(since));
    }
    return subscriptions.open(Kind.LIVE, live, Objects.requireNonNull(listener));
  }

  /** Sends CLOSE and ends the subscription as {@link SubscriptionOutcome.Cancelled}; false if not open. */
  public boolean closeSubscription(String subscriptionId) {
    checkOwner();
    return subscriptions.cancel(subscriptionId);
  }

  /**
   * Opens a NIP-77 reconciliation of {@code filter} with the initiator's first message. Answers
   * and the end go to {@code listener}; {@code timeout} is an inactivity deadline (re-armed by
   * each message we send). On a session that is not connected it ends {@link
   * NegEnd.Disconnected} on a later turn.
   *
   * @return the reconciliation's id, for {@link #continueReconciliation} and {@link #closeReconciliation}
   */
  public String openReconciliation(Filter filter, String initialHex, Duration timeout, ReconciliationListener listener) {
    checkOwner();
    if (state != State.OPEN) {
      context.runOnContext(v -> listener.onEnd(new NegEnd.Disconnected("not connected")));
      return "";
    }
    return reconciliations.open(filter, initialHex, timeout, Objects.requireNonNull(listener));
  }

  /** Sends our next NEG-MSG of an open reconciliation. */
  public void continueReconciliation(String id, String messageHex) {
    checkOwner();
    reconciliations.send(id, messageHex);
  }

  /** Sends NEG-CLOSE: done, or given up. Its listener hears nothing more. */
  public void closeReconciliation(String id) {
    checkOwner();
    reconciliations.close(id);
  }

  /** NIP-11 {@code limitation.max_limit}, when known: caps page sizes and tells when to page. */
  public void maxLimit(OptionalInt maxLimit) {
    checkOwner();
    subscriptions.maxLimit(maxLimit);
  }

  public int openSubscriptions() {
    return subscriptions.openCount();
  }

  /** Delivered events whose futures have not completed yet. */
  public int inFlight() {
    return subscriptions.deliveries().inFlight();
  }

  /** The most events ever in flight at once on this session (never above {@code max-in-flight}). */
  public int maxInFlightSeen() {
    return subscriptions.deliveries().maxInFlightSeen();
  }

  /** Whether reading is paused because listeners fell behind or the shared in-flight budget is spent. */
  public boolean readingPaused() {
    return subscriptions.deliveries().readingPaused();
  }

  public SessionCounters counters() {
    return counters.snapshot();
  }

  private void attach(WebSocket ws) {
    socket = Optional.of(ws);
    state = State.OPEN;
    ws.frameHandler(inbox::onFrame);
    ws.exceptionHandler(
        e -> {
          lastError = String.valueOf(e.getMessage());
          LOG.debug("relay {}: socket error", address.url(), e);
        });
    ws.closeHandler(v -> onSocketClosed(ws));
  }

  private void onSocketClosed(WebSocket ws) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    Optional<Integer> code = Optional.ofNullable(ws.closeStatusCode()).map(Short::intValue);
    String reason =
        closeRequested
            ? "closed by us"
            : Optional.ofNullable(ws.closeReason()).filter(r -> !r.isEmpty())
                .or(() -> Optional.of(lastError).filter(r -> !r.isEmpty()))
                .orElse("connection closed") + code.map(c -> " (" + c + ")").orElse("");
    Disconnection disconnection = new Disconnection(closeRequested, code, reason);
    subscriptions.endAll(disconnection);
    reconciliations.endAll(disconnection);
    try {
      listener.onDisconnected(disconnection);
    } catch (RuntimeException e) {
      LOG.warn("session listener failed on disconnect", e);
    }
    client.close();
    closed.tryComplete();
  }

  private void send(ClientMessage message) {
    outbox.send(message);
  }

  private void write(String text) {
    socket.ifPresent(ws -> ws.writeTextMessage(text)
        .onFailure(e -> LOG.debug("relay {}: write failed", address.url(), e)));
  }

  private void checkOwner() {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("RelaySession used off its owner's event loop");
    }
  }

  /** The connection as the subscriptions see it. */
  private final class SocketWire implements Subscriptions.Wire {
    @Override
    public boolean isOpen() {
      return state == State.OPEN;
    }

    @Override
    public void send(ClientMessage message) {
      RelaySession.this.send(message);
    }

    @Override
    public void pause() {
      socket.ifPresent(WebSocket::pause);
    }

    @Override
    public void resume() {
      socket.ifPresent(WebSocket::resume);
    }
  }
}
