package dev.graspsync.sync.engine;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sync.batch.Batch;
import dev.graspsync.sync.batch.BatchOutcome;
import dev.graspsync.sync.batch.BatchPurpose;
import dev.graspsync.sync.batch.BatchRules;
import dev.graspsync.sync.batch.BatchState;
import dev.graspsync.sync.config.SyncConfig;
import dev.graspsync.sync.plan.Consolidation;
import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.plan.LabelledFilter;
import dev.graspsync.sync.plan.Planner;
import dev.graspsync.sync.relay.RelayUrl;
import dev.graspsync.sync.session.RelaySession;
import dev.graspsync.sync.state.RelayRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relay's sync work, on its worker's event loop: targets, confirmed and parked items,
 * pending batches and live subscriptions. Sends a batch as a paged history subscription plus
 * a live one, moves it from pending to confirmed at EOSE, retries or parks it on failure, and
 * consolidates subscriptions when they would pass the limit.
 */
final class RelayBatches {
  private static final Logger log = LoggerFactory.getLogger(RelayBatches.class);
  /** History batches open at once on one relay: keeps the subscription count and memory low. */
  static final int MAX_OPEN_BATCHES = 4;

  private final Vertx vertx;
  private final RelayUrl relay;
  private final String url;
  private final WorkerDeps deps;
  private final SyncConfig config;
  private final BatchRules batchRules;
  private final EventIntake intake;
  private final Runnable onChange;
  private final Consumer<String> onProblem;

  private ItemSet targets = ItemSet.EMPTY;
  private ItemSet confirmed;
  private ItemSet parked = ItemSet.EMPTY;
  private final Map<Long, Batch> batches = new LinkedHashMap<>();
  private final Map<String, List<Filter>> live = new HashMap<>();
  private long nextBatchId;
  private boolean anyFailed;
  private Optional<RelaySession> session = Optional.empty();
  private OptionalInt relayMaxSubscriptions = OptionalInt.empty();

  RelayBatches(Vertx vertx, RelayUrl relay, RelayRecord restored, WorkerDeps deps, Runnable onChange,
      Consumer<String> onProblem) {
    this.vertx = vertx;
    this.relay = relay;
    this.url = relay.toString();
    this.deps = deps;
    this.config = deps.config();
    this.batchRules = new BatchRules(config.rateLimitCooldown(), config.eoseTimeout(), config.batchMaxAttempts(),
        config.baseBackoff(), config.maxBackoff());
    this.intake = new EventIntake(deps.host(), deps.metrics(), url);
    this.onChange = onChange;
    this.onProblem = onProblem;
    this.confirmed = ItemKeys.parse(restored.confirmed());
    Instant now = now();
    // a restart re-issues what was pending, under the same ids so confirming clears them
    restored.pending().forEach((id, items) -> {
      ItemSet set = ItemKeys.parse(items);
      if (!set.isEmpty()) {
        batches.put(id, Batch.initial(id, relay, set, config.filterChunkSize(), now));
      }
    });
    this.nextBatchId = restored.pending().keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
  }

  // ---- what the worker tells it ------------------------------------------------------------

  void setTargets(ItemSet items) {
    targets = items;
  }

  /** A connection is open (and may take subscriptions once the worker says so). */
  void attach(RelaySession s, OptionalInt maxSubscriptions) {
    session = Optional.of(s);
    relayMaxSubscriptions = maxSubscriptions;
    anyFailed = false;
  }

  /** The connection is gone: every subscription with it; pending batches wait for the next one. */
  void detach() {
    session = Optional.empty();
    live.clear();
    batches.replaceAll((id, b) -> batchRules.onDisconnected(b));
  }

  /** Quick reconnect or restart: fetch what the confirmed items got since {@code since}. */
  void catchUp(long since) {
    if (confirmed.isEmpty()) {
      return;
    }
    log.info("{}: catching up from {}", url, Instant.ofEpochSecond(since));
    for (ItemSet chunk : Planner.split(confirmed, config.filterChunkSize())) {
      long id = nextBatchId++;
      batches.put(id, Batch.catchUp(id, relay, chunk, config.filterChunkSize(), since, now()));
    }
  }

  /** First connection, long outage or daily resync: everything again, parked items included. */
  void fullSync() {
    log.info("{}: full sync", url);
    confirmed = ItemSet.EMPTY;
    parked = ItemSet.EMPTY;
    batches.values().removeIf(b -> b.purpose() == BatchPurpose.CATCH_UP);
    deps.state().write(st -> st.resetProgress(url));
  }

  /** Turns new targets into batches and sends what the relay can take now. */
  void planWork(boolean maySubscribe) {
    ItemSet pendingItems = ItemSet.EMPTY;
    for (Batch b : batches.values()) {
      if (b.purpose() == BatchPurpose.INITIAL) {
        pendingItems = pendingItems.union(b.items());
      }
    }
    ItemSet work = Planner.newWork(targets, pendingItems, confirmed, parked);
    for (ItemSet chunk : Planner.split(work, config.filterChunkSize())) {
      long id = nextBatchId++;
      batches.put(id, Batch.initial(id, relay, chunk, config.filterChunkSize(), now()));
      deps.state().write(st -> st.addPending(url, id, ItemKeys.keys(chunk)));
    }
    if (maySubscribe) {
      sendQueued();
    }
  }

  // ---- status -------------------------------------------------------------------------------

  boolean hasTargets() {
    return !targets.isEmpty();
  }

  int pendingBatches() {
    return batches.size();
  }

  boolean syncing() {
    return batches.values().stream().anyMatch(b -> b.state().pending());
  }

  boolean anyFailed() {
    return anyFailed;
  }

  int liveSubscriptions() {
    return live.size();
  }

  int confirmedItems() {
    return confirmed.size();
  }

  int parkedItems() {
    return parked.size();
  }

  // ---- sending --------------------------------------------------------------------------------

  /**
   * Sends queued batches while the relay can take them: at most {@link #MAX_OPEN_BATCHES}
   * history subscriptions at once, and never past the subscription limit (each batch opens a
   * history and a live subscription). Catch-up batches go first, so confirmed items are live
   * again before new work is added.
   */
  private void sendQueued() {
    Optional<RelaySession> s = session.filter(RelaySession::isConnected);
    if (s.isEmpty()) {
      return;
    }
    List<Batch> queued = batches.values().stream().filter(b -> b.state() == BatchState.QUEUED)
        .sorted(Comparator.comparing((Batch b) -> b.purpose() != BatchPurpose.CATCH_UP).thenComparingLong(Batch::id))
        .toList();
    int consolidated = Planner.batchCount(confirmed, config.filterChunkSize());
    for (Batch b : queued) {
      if (count(BatchState.OPEN::equals) >= MAX_OPEN_BATCHES) {
        break;
      }
      // sent and not finished: their subscriptions (or retries) are still to come and go
      int inFlight = count(st -> st.pending() && st != BatchState.QUEUED);
      Consolidation.Decision decision = Consolidation.decide(s.get().openSubscriptions(), 2, inFlight,
          consolidated, config.consolidationThreshold(),
          relayMaxSubscriptions);
      if (decision == Consolidation.Decision.WAIT_FOR_PENDING) {
        break;
      }
      if (decision == Consolidation.Decision.CONSOLIDATE_FIRST) {
        // its catch-up batches are queued like any other, so they too respect the limit
        consolidate(s.get());
        sendQueued();
        return;
      }
      send(s.get(), b, true);
    }
  }

  private int count(Predicate<BatchState> state) {
    return (int) batches.values().stream().filter(b -> state.test(b.state())).count();
  }

  /**
   * Closes every live subscription and queues the confirmed items again in the fewest batches,
   * since now − overlap. Only called with no batch in flight, so every live subscription closed
   * here belongs to confirmed (or parked) items.
   */
  private void consolidate(RelaySession s) {
    log.info("{}: consolidating {} live subscriptions", url, live.size());
    List.copyOf(live.keySet()).forEach(s::closeSubscription);
    live.clear();
    long since = Math.max(0, now().minus(config.catchUpOverlap()).getEpochSecond());
    for (ItemSet chunk : Planner.split(confirmed, config.filterChunkSize())) {
      long id = nextBatchId++;
      batches.put(id, Batch.catchUp(id, relay, chunk, config.filterChunkSize(), since, now()));
    }
  }

  private void send(RelaySession s, Batch b, boolean withLive) {
    Batch sent = batchRules.sent(b, now());
    batches.put(b.id(), sent);
    List<Filter> filters = sent.filters().stream().map(LabelledFilter::filter).toList();
    if (withLive) {
      // live filters never carry a catch-up's since: the session starts them at now − lookback
      openLive(s, filters.stream().map(RelayBatches::liveForm).toList());
    }
    s.openHistory(filters, new HistoryListener(this, b.id(), b.purpose()));
  }

  private void openLive(RelaySession s, List<Filter> filters) {
    LiveListener listener = new LiveListener(this, filters);
    listener.subscriptionId = s.openLive(filters, listener);
    live.put(listener.subscriptionId, filters);
  }

  private static Filter liveForm(Filter f) {
    return new Filter(f.ids(), f.authors(), f.kinds(), f.tags(), OptionalLong.empty(), f.until(), OptionalInt.empty());
  }

  // ---- what the subscriptions report -----------------------------------------------------------

  Future<?> ingest(Event event, BatchPurpose purpose) {
    return intake.take(event, purpose);
  }

  Optional<Batch> batch(long id) {
    return Optional.ofNullable(batches.get(id));
  }

  BatchRules rules() {
    return batchRules;
  }

  /** Applies a batch transition a history listener computed. */
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
    } else if (outcome instanceof BatchOutcome.Failed failed) {
      batches.remove(b.id());
      anyFailed = true;
      if (b.purpose() == BatchPurpose.INITIAL) {
        parked = parked.union(b.items());
        deps.state().write(st -> st.dropPending(url, b.id()));
      }
      deps.metrics().batchFailed(url);
      onProblem.accept("batch failed: " + failed.reason());
      log.warn("{}: batch {} failed, retried at the next daily resync: {}", url, b.id(), failed.reason());
    } else if (outcome instanceof BatchOutcome.RetryScheduled retry) {
      batches.put(b.id(), b);
      log.info("{}: batch {} retried at {}: {}", url, b.id(), retry.at(), retry.reason());
      scheduleRetry(b.id(), retry.at());
    } else {
      batches.put(b.id(), b);
    }
    sendQueued();
    onChange.run();
  }

  /** Rounded up to the millisecond: a timer firing before {@code at} would find the batch not yet due. */
  private void scheduleRetry(long batchId, Instant at) {
    long nanos = Duration.between(now(), at).toNanos();
    vertx.setTimer(Math.max(1, (nanos + 999_999) / 1_000_000), t -> retry(batchId));
  }

  private void retry(long batchId) {
    Batch b = batches.get(batchId);
    Optional<RelaySession> s = session.filter(RelaySession::isConnected);
    if (b == null || s.isEmpty() || b.state() != BatchState.WAITING_RETRY) {
      return; // a reconnect re-issues it anyway
    }
    if (!batchRules.due(b, now())) {
      // the clock and the timer disagree by a little: a batch left here would wait forever
      b.retryAt().ifPresent(at -> scheduleRetry(batchId, at));
      return;
    }
    send(s.get(), b, false);
  }

  void onLiveEnded(LiveListener listener, boolean rateLimited) {
    live.remove(listener.subscriptionId);
    if (rateLimited) {
      vertx.setTimer(config.rateLimitCooldown().toMillis(),
          t -> session.filter(RelaySession::isConnected).ifPresent(s -> openLive(s, listener.filters())));
    }
    onChange.run();
  }

  Instant now() {
    return deps.clock().instant();
  }
}
