package dev.graspsync.sync.engine;

import dev.graspsync.sync.config.SyncConfig;
import dev.graspsync.sync.dial.ConnectFailure;
import dev.graspsync.sync.dial.DialOutcome;
import dev.graspsync.sync.dial.DialTarget;
import dev.graspsync.sync.dial.FailureCause;
import dev.graspsync.sync.dial.SafeText;
import dev.graspsync.sync.health.ConnectionState;
import dev.graspsync.sync.health.DailyResync;
import dev.graspsync.sync.health.HealthRules;
import dev.graspsync.sync.health.NoticeClassifier;
import dev.graspsync.sync.health.ReconnectDecision;
import dev.graspsync.sync.health.RelayHealth;
import dev.graspsync.sync.health.Resume;
import dev.graspsync.sync.health.StartupJitter;
import dev.graspsync.sync.nip11.RelayInfoFetcher;
import dev.graspsync.sync.nip11.RelayLimitation;
import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.plan.RelayRetention;
import dev.graspsync.sync.relay.RelayUrl;
import dev.graspsync.sync.session.Disconnection;
import dev.graspsync.sync.session.RelaySession;
import dev.graspsync.sync.session.SessionConfig;
import dev.graspsync.sync.session.SessionListener;
import dev.graspsync.sync.state.RelayRecord;
import dev.graspsync.sync.status.RelayStatus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one external relay's connection alive, on its own event loop: connects with backoff
 * and health tracking, decides on each (re)connection between a catch-up from {@code since}
 * and a full sync, records heartbeats, and resyncs fully once a day. The sync work itself
 * (batches, live subscriptions) is {@link RelayBatches}.
 */
final class RelayWorker extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(RelayWorker.class);
  private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(30);
  private static final Duration STABLE_AFTER = Duration.ofSeconds(60);
  private static final Duration NIP11_TIMEOUT = Duration.ofSeconds(5);

  private final RelayUrl relay;
  private final String url;
  private final boolean bootstrap;
  private final WorkerDeps deps;
  private final SyncConfig config;
  private final HealthRules healthRules;
  private final Random random = new Random();
  private final SyncMetrics.RelayGauges gauges;
  private final RelayRecord restored;

  private RelayBatches work;
  private Optional<RelaySession> session = Optional.empty();
  private Optional<RelayInfoFetcher> infoFetcher = Optional.empty();
  private RelayHealth health = RelayHealth.initial();
  private ConnectionState connection = ConnectionState.DISCONNECTED;
  private Optional<Instant> disconnectedAt;
  private Optional<Instant> lastHeartbeat;
  private boolean restartResume = true;
  private boolean forceFullSync;
  private boolean stopping;
  /** A connection attempt is resolving its relay's name (no session yet). */
  private boolean resolving;
  private long connectTimer = -1;
  private Optional<String> lastProblem = Optional.empty();

  RelayWorker(RelayUrl relay, boolean bootstrap, RelayRecord restored, WorkerDeps deps) {
    this.relay = relay;
    this.url = relay.toString();
    this.bootstrap = bootstrap;
    this.deps = deps;
    this.config = deps.config();
    this.restored = restored;
    this.healthRules = new HealthRules(config.baseBackoff(), config.maxBackoff(), config.deadAfter(),
        HealthRules.ONE_DAY, config.rateLimitCooldown(), STABLE_AFTER);
    this.gauges = deps.metrics().relay(url);
    this.disconnectedAt = restored.disconnectedAt().map(Instant::ofEpochSecond);
    this.lastHeartbeat = restored.lastHeartbeat().map(Instant::ofEpochSecond);
  }

  String url() {
    return url;
  }

  /** Runs {@code action} on this worker's event loop. */
  void tell(Consumer<RelayWorker> action) {
    context.runOnContext(v -> {
      if (!stopping) {
        action.accept(this);
      }
    });
  }

  @Override
  public Future<?> start() {
    work = new RelayBatches(vertx, relay, restored, deps, this::onWorkChanged, this::problem);
    infoFetcher = Optional.of(new RelayInfoFetcher(vertx, RelayInfoFetcher.DEFAULT_MAX_BODY_BYTES, deps.trust()));
    scheduleConnect(StartupJitter.delay(random, config.startupJitter()));
    vertx.setPeriodic(HEARTBEAT_EVERY.toMillis(), t -> heartbeat());
    scheduleDailyResync();
    if (!config.reconcileInterval().isZero()) {
      vertx.setPeriodic(config.reconcileInterval().toMillis(), t -> {
        if (maySubscribe()) {
          work.reconcileConfirmed();
        }
      });
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    connection = ConnectionState.DISCONNECTING;
    publishGauges();
    Future<Void> closed = session.map(RelaySession::close).orElse(Future.succeededFuture());
    return closed.eventually(() -> infoFetcher.map(RelayInfoFetcher::close).orElse(Future.succeededFuture()));
  }

  void setTargets(ItemSet items) {
    work.setTargets(items);
    work.planWork(maySubscribe());
    onWorkChanged();
  }

  private boolean maySubscribe() {
    return session.map(RelaySession::isConnected).orElse(false) && health.maySubscribe(now());
  }

  // ---- connection life cycle ------------------------------------------------------------

  private void scheduleConnect(Duration delay) {
    if (stopping) {
      return;
    }
    if (connectTimer >= 0) {
      vertx.cancelTimer(connectTimer);
    }
    connectTimer = vertx.setTimer(Math.max(1, delay.toMillis()), t -> {
      connectTimer = -1;
      connect();
    });
  }

  /** One connection attempt: resolve and check the name again, then dial the checked address. */
  private void connect() {
    Instant now = now();
    if (stopping || session.isPresent() || resolving) {
      return;
    }
    if (!health.mayConnect(now)) {
      scheduleConnect(Duration.between(now, health.nextAttempt(now)));
      return;
    }
    connection = ConnectionState.CONNECTING;
    publishGauges();
    resolving = true;
    deps.gate().prepare(relay, bootstrap).onComplete(ar -> {
      resolving = false;
      if (stopping || session.isPresent()) {
        return;
      }
      if (ar.result() instanceof DialOutcome.Failed no) {
        onConnectFailed(no.reason(), no.detail());
      } else if (ar.result() instanceof DialOutcome.Ready ready) {
        dial(ready.target());
      }
    });
  }

  private void dial(DialTarget target) {
    RelaySession s;
    try {
      s = buildSession(target);
    } catch (RuntimeException e) {
      onConnectFailed(ConnectFailure.CONNECTION, SafeText.of("cannot dial this URL: " + e.getMessage()));
      return;
    }
    session = Optional.of(s);
    s.connect(config.connectTimeout()).onComplete(ar -> {
      if (ar.succeeded()) {
        deps.metrics().connectionAttempt(url, "success");
        onConnected(s, target);
      } else {
        session = Optional.empty();
        FailureCause cause = FailureCause.of(ar.cause());
        onConnectFailed(cause.reason(), cause.detail());
      }
    });
  }

  private void onConnectFailed(ConnectFailure reason, String detail) {
    deps.metrics().connectionAttempt(url, "failure");
    deps.metrics().connectFailure(reason.label());
    String why = "connect failed (" + reason.label() + "): " + detail;
    log.info("{}: {}", url, why);
    problem(why);
    health = health.onConnectFailure(now(), healthRules);
    connection = ConnectionState.DISCONNECTED;
    publishGauges();
    scheduleConnect(Duration.between(now(), health.nextAttempt(now())));
  }

  private RelaySession buildSession(DialTarget target) {
    return RelaySession.builder(vertx, url)
        .config(SessionConfig.defaults().withMaxMessageBytes(config.maxMessageBytes())
            .withEoseTimeout(config.eoseTimeout()).withMaxHistoryPages(config.maxHistoryPages()))
        .keys(deps.host().identity().authKeys())
        .listener(new Listener())
        .metrics(deps.metrics().sessionMetrics(url))
        .clock(deps.clock())
        .budget(deps.inFlightBudget())
        .dialTarget(target)
        .trust(deps.trust())
        .build();
  }

  private void onConnected(RelaySession s, DialTarget target) {
    Instant connectedAt = now();
    health = health.onConnected(connectedAt);
    connection = ConnectionState.SYNCING;
    publishGauges();
    // NIP-11 limits shape paging and consolidation; a relay without a document is still synced.
    // the address this attempt checked and connected to, not the name again
    infoFetcher.orElseThrow().fetch(relay.httpUrl(), target, NIP11_TIMEOUT).onComplete(ar -> {
      if (session.orElse(null) != s || !s.isConnected()) {
        return;
      }
      RelayLimitation limits = ar.succeeded() ? ar.result().info().limitation() : RelayLimitation.NONE;
      s.maxLimit(limits.maxLimit());
      work.attach(s, limits);
      work.nip77Advertised(ar.succeeded() && ar.result().info().supportsNip(77));
      resubscribe(connectedAt);
    });
  }

  /** After a (re)connection: catch up or start over, then (re-)issue pending work. */
  private void resubscribe(Instant connectedAt) {
    ReconnectDecision decision = forceFullSync
        ? new ReconnectDecision.FullSync(ReconnectDecision.FullSync.Why.OUTAGE_TOO_LONG)
        : restartResume
            ? Resume.decide(lastHeartbeat, config.catchUpOverlap())
            : ReconnectDecision.decide(connectedAt, disconnectedAt, lastHeartbeat,
                config.quickReconnectWindow(), config.catchUpOverlap());
    restartResume = false;
    forceFullSync = false;
    if (decision instanceof ReconnectDecision.CatchUp catchUp) {
      work.catchUp(catchUp.sinceEpochSecond());
    } else {
      work.fullSync();
    }
    work.planWork(maySubscribe());
    onWorkChanged();
  }

  private final class Listener implements SessionListener {
    @Override
    public void onDisconnected(Disconnection d) {
      RelayWorker.this.onDisconnected(d);
    }

    @Override
    public void onNotice(String message) {
      work.onNotice(message);
      if (NoticeClassifier.isRateLimit(message)) {
        health = health.onRateLimited(now(), healthRules);
        publishGauges();
        vertx.setTimer(Math.max(1, config.rateLimitCooldown().toMillis()), t -> {
          health = health.onCooldownElapsed(now());
          work.planWork(maySubscribe());
          onWorkChanged();
        });
      }
    }
  }

  private void onDisconnected(Disconnection d) {
    Instant now = now();
    session = Optional.empty();
    work.detach();
    connection = ConnectionState.DISCONNECTED;
    disconnectedAt = Optional.of(now);
    deps.state().write(st -> st.disconnected(url, Optional.of(now.getEpochSecond())));
    if (stopping) {
      return;
    }
    if (d.requested()) {
      health = health.onIntentionalDisconnect();
      scheduleConnect(Duration.ZERO);
    } else {
      String reason = SafeText.of(d.reason());
      log.info("{} dropped the connection: {}", url, reason);
      problem("connection dropped: " + reason);
      health = health.onDropped(now, healthRules);
      scheduleConnect(Duration.between(now, health.nextAttempt(now)));
    }
    publishGauges();
  }

  /** While live subscriptions run, remember that they did: a restart resumes from here. */
  private void heartbeat() {
    if (session.map(RelaySession::isConnected).orElse(false) && work.liveSubscriptions() > 0) {
      Instant now = now();
      health = health.onHeartbeat(now, healthRules);
      lastHeartbeat = Optional.of(now);
      deps.state().write(st -> st.heartbeat(url, now.getEpochSecond()));
      publishGauges();
    }
  }

  private void scheduleDailyResync() {
    Instant now = now();
    long delay = Duration.between(now, DailyResync.nextAt(now, random)).toMillis();
    vertx.setTimer(Math.max(1, delay), t -> {
      // failed batches get their retry, and anything live sync missed is fetched again
      forceFullSync = true;
      session.ifPresent(RelaySession::close);
      scheduleDailyResync();
    });
  }

  private void onWorkChanged() {
    if (session.map(RelaySession::isConnected).orElse(false)) {
      connection = work.syncing() ? ConnectionState.SYNCING
          : work.anyFailed() ? ConnectionState.CONNECTED_WITH_FAILURES : ConnectionState.CONNECTED;
      if (!work.syncing()) {
        // history complete: what is confirmed is live from here on
        lastHeartbeat = Optional.of(now());
        deps.state().write(st -> st.heartbeat(url, now().getEpochSecond()));
      }
    }
    publishGauges();
    if (!RelayRetention.keep(bootstrap, work.items().hasTargets(), work.pendingBatches())) {
      deps.onIdle().accept(relay);
    }
  }

  /** Text from relays and sockets is shown to operators: keep it short and printable. */
  private void problem(String text) {
    lastProblem = Optional.of(SafeText.of(text));
  }

  private void publishGauges() {
    deps.board().post(new RelayStatus(url, bootstrap, connection, health.health(), health.consecutiveFailures(),
        work == null ? 0 : work.items().confirmedCount(), work == null ? 0 : work.items().parkedCount(),
        work == null ? 0 : work.pendingBatches(), work == null ? 0 : work.liveSubscriptions(),
        session.map(RelaySession::openSubscriptions).orElse(0),
        work == null ? 0 : work.subscriptionLimit(), work == null ? 0 : work.overflowFilters(), lastProblem,
        session.isPresent() ? Optional.empty() : health.nextAttemptAt(), lastHeartbeat,
        session.isPresent() && work != null ? work.nip77().state().label() : "unknown",
        work == null ? 0 : work.historyIncompleteFilters(),
        work == null ? "none" : work.historyTurn().label()));
    gauges.connection.set(connection.metricValue());
    gauges.health.set(health.health().metricValue());
    gauges.failures.set(health.consecutiveFailures());
    gauges.subscriptions.set(session.map(RelaySession::openSubscriptions).orElse(0));
    gauges.pendingBatches.set(work == null ? 0 : work.pendingBatches());
    gauges.liveOverflow.set(work == null ? 0 : work.overflowFilters());
  }

  private Instant now() {
    return deps.clock().instant();
  }
}
