package dev.graspsync.sync.engine;

import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sync.batch.Batch;
import dev.graspsync.sync.batch.BatchOutcome;
import dev.graspsync.sync.batch.BatchPurpose;
import dev.graspsync.sync.batch.BatchRules;
import dev.graspsync.sync.batch.BatchState;
import dev.graspsync.sync.config.SyncConfig;
import dev.graspsync.sync.health.ConnectionState;
import dev.graspsync.sync.health.DailyResync;
import dev.graspsync.sync.health.HealthRules;
import dev.graspsync.sync.health.NoticeClassifier;
import dev.graspsync.sync.health.ReconnectDecision;
import dev.graspsync.sync.health.RelayHealth;
import dev.graspsync.sync.health.Resume;
import dev.graspsync.sync.health.StartupJitter;
import dev.graspsync.sync.nip11.RelayInfoFetcher;
import dev.graspsync.sync.plan.Consolidation;
import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.plan.LabelledFilter;
import dev.graspsync.sync.plan.Planner;
import dev.graspsync.sync.plan.RelayRetention;
import dev.graspsync.sync.relay.RelayUrl;
import dev.graspsync.sync.session.Disconnection;
import dev.graspsync.sync.session.RelaySession;
import dev.graspsync.sync.session.SessionConfig;
import dev.graspsync.sync.session.SessionListener;
import dev.graspsync.sync.state.RelayRecord;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one external relay in sync, on its own event loop: connects with backoff, decides on
 * each (re)connection between a catch-up from {@code since} and a full sync, turns new targets
 * into batches (history to EOSE, paged, plus a live subscription each), moves batches from
 * pending to confirmed, consolidates subscriptions, and resyncs fully once a day.
 */
final class RelayWorker extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(RelayWorker.class);
  /** History batches open at once on one relay: keeps the subscription count and memory low. */
  static final int MAX_OPEN_BATCHES = 4;
  private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(30);
  private static final Duration NIP11_TIMEOUT = Duration.ofSeconds(5);

  private final RelayUrl relay;
  private final String url;
  private final boolean bootstrap;
  private final WorkerDeps deps;
  private final SyncConfig config;
  private final HealthRules healthRules;
  private final BatchRules batchRules;
  private final Random random = new Random();
  private final EventIntake intake;
  private final SyncMetrics.RelayGauges gauges;

  private ItemSet targets = ItemSet.EMPTY;
  private ItemSet confirmed;
  private ItemSet parked = ItemSet.EMPTY;
  private final Map<Long, Batch> batches = new LinkedHashMap<>();
  /** Live subscription id → the items it covers (for re-opening after a rate limit). */
  private final Map<String, List<Filter>> live = new HashMap<>();
  private long nextBatchId;
  private Optional<RelaySession> session = Optional.empty();
  private Optional<RelayInfoFetcher> infoFetcher = Optional.empty();
  private RelayHealth health = RelayHealth.initial();
  private ConnectionState connection = ConnectionState.DISCONNECTED;
  private Optional<Instant> disconnectedAt;
  private Optional<Instant> lastHeartbeat;
  private boolean restartResume = true;
  private boolean forceFullSync;
  private boolean anyBatchFailed;
  private boolean stopping;
  private OptionalInt relayMaxSubscriptions = OptionalInt.empty();
  private long connectTimer = -1;

  RelayWorker(RelayUrl relay, boolean bootstrap, RelayRecord restored, WorkerDeps deps) {
    this.relay = relay;
    this.url = relay.toString();
    this.bootstrap = bootstrap;
    this.deps = deps;
    this.config = deps.config();
    this.healthRules = new HealthRules(config.baseBackoff(), config.maxBackoff(), config.deadAfter(),
        HealthRules.ONE_DAY, config.rateLimitCooldown(), Duration.ofSeconds(60));
    this.batchRules = new BatchRules(config.rateLimitCooldown(), config.eoseTimeout(), config.batchMaxAttempts(),
        config.baseBackoff(), config.maxBackoff());
    this.intake = new EventIntake(deps.host(), deps.metrics(), url);
    this.gauges = deps.metrics().relay(url);
    this.confirmed = ItemKeys.parse(restored.confirmed());
    this.disconnectedAt = restored.disconnectedAt().map(Instant::ofEpochSecond);
    this.lastHeartbeat = restored.lastHeartbeat().map(Instant::ofEpochSecond);
    Instant now = deps.clock().instant();
    // a restart re-issues what was pending, under the same ids so confirming clears them
    restored.pending().forEach((id, items) -> {
      ItemSet set = ItemKeys.parse(items);
      if (!set.isEmpty()) {
        batches.put(id, Batch.initial(id, relay, set, config.filterChunkSize(), now));
      }
    });
    this.nextBatchId = restored.pending().keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
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
    infoFetcher = Optional.of(new RelayInfoFetcher(vertx));
    scheduleConnect(StartupJitter.delay(random, config.startupJitter()));
    vertx.setPeriodic(HEARTBEAT_EVERY.toMillis(), t -> heartbeat());
    scheduleDailyResync();
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
    targets = items;
    planWork();
    checkIdle();
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

  private void connect() {
    Instant now = now();
    if (stopping || session.isPresent()) {
      return;
    }
    if (!health.mayConnect(now)) {
      scheduleConnect(Duration.between(now, health.nextAttempt(now)));
      return;
    }
    connection = ConnectionState.CONNECTING;
    publishGauges();
    RelaySession s = RelaySession.builder(vertx, url)
        .config(SessionConfig.defaults().withMaxMessageBytes(config.maxMessageBytes())
            .withEoseTimeout(config.eoseTimeout()).withMaxHistoryPages(config.maxHistoryPages()))
        .keys(deps.host().identity().authKeys())
        .listener(new Listener())
        .clock(deps.clock())
        .build();
    session = Optional.of(s);
    s.connect(config.connectTimeout()).onComplete(ar -> {
      if (ar.succeeded()) {
        deps.metrics().connectionAttempt(url, "success");
        onConnected(s);
      } else {
        deps.metrics().connectionAttempt(url, "failure");
        log.info("cannot connect to {}: {}", url, ar.cause().getMessage());
        session = Optional.empty();
        health = health.onConnectFailure(now(), healthRules);
        connection = ConnectionState.DISCONNECTED;
        publishGauges();
        scheduleConnect(Duration.between(now(), health.nextAttempt(now())));
      }
    });
  }

  private void onConnected(RelaySession s) {
    Instant now = now();
    health = health.onConnected(now);
    connection = ConnectionState.SYNCING;
    anyBatchFailed = false;
    publishGauges();
    // NIP-11 limits shape paging and consolidation; a relay without a document is still synced.
    infoFetcher.get().fetch(relay.httpUrl(), NIP11_TIMEOUT).onComplete(ar -> {
      if (ar.succeeded()) {
        var limits = ar.result().info().limitation();
        relayMaxSubscriptions = limits.maxSubscriptions();
        s.maxLimit(limits.maxLimit());
      }
      if (session.orElse(null) == s) {
        resubscribe(now);
      }
    });
  }

  /** After a (re)connection: catch up or start over, then re-issue pending work. */
  private void resubscribe(Instant connectedAt) {
    ReconnectDecision decision = forceFullSync
        ? new ReconnectDecision.FullSync(ReconnectDecision.FullSync.Why.OUTAGE_TOO_LONG)
        : restartResume
            ? Resume.decide(lastHeartbeat, config.catchUpOverlap())
            : ReconnectDecision.decide(connectedAt, disconnectedAt, lastHeartbeat,
                config.quickReconnectWindow(), config.catchUpOverlap());
    restartResume = false;
    forceFullSync = false;
    if (decision instanceof ReconnectDecision.CatchUp catchUp && !confirmed.isEmpty()) {
      log.info("{}: catching up from {}", url, Instant.ofEpochSecond(catchUp.sinceEpochSecond()));
      for (ItemSet chunk : Planner.split(confirmed, config.filterChunkSize())) {
        long id = nextBatchId++;
        batches.put(id, Batch.catchUp(id, relay, chunk, config.filterChunkSize(), catchUp.sinceEpochSecond(), connectedAt));
      }
    } else if (decision instanceof ReconnectDecision.FullSync) {
      log.info("{}: full sync", url);
      confirmed = ItemSet.EMPTY;
      parked = ItemSet.EMPTY;
      deps.state().write(st -> st.resetProgress(url));
    }
    planWork();
  }

  private final class Listener implements SessionListener {
    @Override
    public void onDisconnected(Disconnection d) {
      RelayWorker.this.onDisconnected(d);
    }

    @Override
    public void onNotice(String message) {
      if (NoticeClassifier.isRateLimit(message)) {
        health = health.onRateLimited(now(), healthRules);
        publishGauges();
        vertx.setTimer(config.rateLimitCooldown().toMillis(), t -> {
          health = health.onCooldownElapsed(now());
          publishGauges();
          planWork();
        });
      }
    }
  }

  private void onDisconnected(Disconnection d) {
    Instant now = now();
    session = Optional.empty();
    live.clear();
    connection = ConnectionState.DISCONNECTED;
    disconnectedAt = Optional.of(now);
    deps.state().write(st -> st.disconnected(url, Optional.of(now.getEpochSecond())));
    batches.replaceAll((id, b) -> batchRules.onDisconnected(b));
    if (stopping) {
      return;
    }
    if (d.requested()) {
      health = health.onIntentionalDisconnect();
      scheduleConnect(Duration.ZERO);
    } else {
      log.info("{} dropped the connection: {}", url, d.reason());
      health = health.onDropped(now, healthRules);
      scheduleConnect(Duration.between(now, health.nextAttempt(now)));
    }
    publishGauges();
  }

  private void heartbeat() {
    if (session.map(RelaySession::isConnected).orElse(false) && !live.isEmpty()) {
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
      session.ifPresentOrElse(RelaySession::close, () -> {});
      scheduleDailyResync();
    });
  }

  // ---- batches ------------------------------------------------------------------------

  /** Turns new targets into batches and sends what the relay can take now. */
  private void planWork() {
    ItemSet pendingItems = ItemSet.EMPTY;
    for (Batch b : batches.values()) {
      if (b.purpose() == BatchPurpose.INITIAL) {
        pendingItems = pendingItems.union(b.items());
      }
    }
    ItemSet work = Planner.newWork(targets, pendingItems, confirmed, parked);
    Instant now = now();
    for (ItemSet chunk : Planner.split(work, config.filterChunkSize())) {
      long id = nextBatchId++;
      batches.put(id, Batch.initial(id, relay, chunk, config.filterChunkSize(), now));
      deps.state().write(st -> st.addPending(url, id, ItemKeys.keys(chunk)));
    }
    sendQueued();
  }

  private void sendQueued() {
    Optional<RelaySession> s = session.filter(RelaySession::isConnected);
    if (s.isEmpty() || !health.maySubscribe(now())) {
      publishGauges();
      return;
    }
    long open = batches.values().stream().filter(b -> b.state() == BatchState.OPEN).count();
    for (Batch b : List.copyOf(batches.values())) {
      if (open >= MAX_OPEN_BATCHES) {
        break;
      }
      if (b.state() != BatchState.QUEUED) {
        continue;
      }
      Consolidation.Decision decision = Consolidation.decide(s.get().openSubscriptions(), 2, (int) open,
          Planner.split(confirmed, config.filterChunkSize()).size(), config.consolidationThreshold(), relayMaxSubscriptions);
      if (decision == Consolidation.Decision.WAIT_FOR_PENDING) {
        break;
      }
      if (decision == Consolidation.Decision.CONSOLIDATE_FIRST) {
        consolidate(s.get());
      }
      send(s.get(), b, true);
      open++;
    }
    updateConnectionState();
  }

  /** Closes every live subscription and covers the confirmed items with the fewest, since now − overlap. */
  private void consolidate(RelaySession s) {
    log.info("{}: consolidating {} subscriptions", url, live.size());
    List.copyOf(live.keySet()).forEach(s::closeSubscription);
    live.clear();
    long since = Math.max(0, now().minus(config.catchUpOverlap()).getEpochSecond());
    for (ItemSet chunk : Planner.split(confirmed, config.filterChunkSize())) {
      long id = nextBatchId++;
      Batch b = Batch.catchUp(id, relay, chunk, config.filterChunkSize(), since, now());
      batches.put(id, b);
      send(s, b, true);
    }
  }

  private void send(RelaySession s, Batch b, boolean withLive) {
    Batch sent = batchRules.sent(b, now());
    batches.put(b.id(), sent);
    List<Filter> filters = sent.filters().stream().map(LabelledFilter::filter).toList();
    if (withLive) {
      openLive(s, filters, b.purpose());
    }
    s.openHistory(filters, new HistoryListener(this, b.id(), b.purpose()));
  }

  private void openLive(RelaySession s, List<Filter> filters, BatchPurpose purpose) {
    // live filters carry no since of a catch-up: the session sets now − lookback
    List<Filter> liveFilters = filters.stream().map(f -> f.withoutLimit()).map(RelayWorker::withoutSince).toList();
    openLive(s, liveFilters);
  }

  private void openLive(RelaySession s, List<Filter> liveFilters) {
    LiveListener listener = new LiveListener(this, liveFilters);
    listener.subscriptionId = s.openLive(liveFilters, listener);
    live.put(listener.subscriptionId, liveFilters);
  }

  private static Filter withoutSince(Filter f) {
    return new Filter(f.ids(), f.authors(), f.kinds(), f.tags(), java.util.OptionalLong.empty(), f.until(), f.limit());
  }

  Future<?> ingest(dev.graspsync.nostr.event.Event event, BatchPurpose purpose) {
    return intake.take(event, purpose);
  }

  /** Applies a batch transition the history listener computed. */
  void onBatchOutcome(BatchOutcome outcome) {
    Batch b = outcome.batch();
    if (!batches.containsKey(b.id())) {
      return;
    }
    if (outcome instanceof BatchOutcome.Completed) {
      batches.remove(b.id());
      if (b.purpose() == BatchPurpose.INITIAL) {
        confirmed = confirmed.union(b.items());
        deps.state().write(st -> st.confirm(url, b.id(), ItemKeys.keys(b.items())));
      }
      lastHeartbeat = Optional.of(now());
      deps.state().write(st -> st.heartbeat(url, now().getEpochSecond()));
    } else if (outcome instanceof BatchOutcome.Failed failed) {
      batches.remove(b.id());
      anyBatchFailed = true;
      if (b.purpose() == BatchPurpose.INITIAL) {
        parked = parked.union(b.items());
        deps.state().write(st -> st.dropPending(url, b.id()));
      }
      deps.metrics().batchFailed(url);
      log.warn("{}: batch {} failed, retried at the next daily resync: {}", url, b.id(), failed.reason());
    } else if (outcome instanceof BatchOutcome.RetryScheduled retry) {
      batches.put(b.id(), b);
      log.info("{}: batch {} retried at {}: {}", url, b.id(), retry.at(), retry.reason());
      vertx.setTimer(Math.max(1, Duration.between(now(), retry.at()).toMillis()), t -> retry(b.id()));
    } else {
      batches.put(b.id(), b);
    }
    sendQueued();
    checkIdle();
  }

  private void retry(long batchId) {
    Batch b = batches.get(batchId);
    Optional<RelaySession> s = session.filter(RelaySession::isConnected);
    if (b == null || s.isEmpty() || !batchRules.due(b, now())) {
      return; // a reconnect re-issues it anyway
    }
    send(s.get(), b, false);
  }

  void onLiveEnded(LiveListener listener, boolean rateLimited) {
    live.remove(listener.subscriptionId);
    if (rateLimited) {
      vertx.setTimer(config.rateLimitCooldown().toMillis(),
          t -> session.filter(RelaySession::isConnected).ifPresent(s -> openLive(s, listener.filters())));
    }
  }

  private void updateConnectionState() {
    if (session.map(RelaySession::isConnected).orElse(false)) {
      boolean syncing = batches.values().stream().anyMatch(b -> b.state().pending());
      connection = syncing ? ConnectionState.SYNCING
          : anyBatchFailed ? ConnectionState.CONNECTED_WITH_FAILURES : ConnectionState.CONNECTED;
    }
    publishGauges();
  }

  private void checkIdle() {
    if (!RelayRetention.keep(bootstrap, !targets.isEmpty(), batches.size())) {
      deps.onIdle().accept(relay);
    }
  }

  private void publishGauges() {
    gauges.connection.set(connection.metricValue());
    gauges.health.set(health.health().metricValue());
    gauges.failures.set(health.consecutiveFailures());
    gauges.subscriptions.set(session.map(RelaySession::openSubscriptions).orElse(0));
    gauges.pendingBatches.set(batches.size());
  }

  Instant now() {
    return deps.clock().instant();
  }

  BatchRules batchRules() {
    return batchRules;
  }

  Optional<Batch> batch(long id) {
    return Optional.ofNullable(batches.get(id));
  }

  /** Items of this relay by state, for status reports. */
  Map<String, Integer> counts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    out.put("confirmed", confirmed.size());
    out.put("parked", parked.size());
    out.put("pendingBatches", batches.size());
    out.put("live", live.size());
    return out;
  }

  List<Long> pendingIds() {
    return new ArrayList<>(batches.keySet());
  }
}
