package dev.graspsync.sync.engine;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sync.batch.Batch;
import dev.graspsync.sync.batch.BatchOutcome;
import dev.graspsync.sync.batch.BatchPurpose;
import dev.graspsync.sync.batch.BatchRules;
import dev.graspsync.sync.batch.BatchState;
import dev.graspsync.sync.batch.CapacityRefusal;
import dev.graspsync.sync.config.SyncConfig;
import dev.graspsync.sync.nip11.RelayLimitation;
import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.plan.ItemSetBuilder;
import dev.graspsync.sync.plan.LabelledFilter;
import dev.graspsync.sync.plan.Layer;
import dev.graspsync.sync.plan.LiveBudget;
import dev.graspsync.sync.plan.LiveTail;
import dev.graspsync.sync.plan.Planner;
import dev.graspsync.sync.relay.RelayUrl;
import dev.graspsync.sync.session.RelaySession;
import dev.graspsync.sync.session.SessionConfig;
import dev.graspsync.sync.session.SubscriptionOutcome;
import dev.graspsync.sync.state.RelayRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relay's sync work, on its worker's event loop: targets, confirmed and parked items,
 * history batches and, through {@link LiveSubscriptions}, live coverage. Sends each batch as a
 * paged history subscription, moves it from pending to confirmed at EOSE, retries or parks it
 * on failure; its items go live in packed subscriptions shared with other batches.
 */
final class RelayBatches implements LiveSubscriptions.Owner {
  private static final Logger log = LoggerFactory.getLogger(RelayBatches.class);
  /** History batches open at once on one relay, when its limits allow that many. */
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
  private final LiveSubscriptions live;

  private ItemSet targets = ItemSet.EMPTY;
  private final ItemSetBuilder confirmed = new ItemSetBuilder();
  /** Items of INITIAL batches not yet completed or failed. */
  private final ItemSetBuilder pending = new ItemSetBuilder();
  private ItemSet parked = ItemSet.EMPTY;
  private final Map<Long, Batch> batches = new LinkedHashMap<>();
  private long nextBatchId;
  private boolean anyFailed;
  private Optional<RelaySession> session = Optional.empty();
  private RelayLimitation limits = RelayLimitation.NONE;
  /** What capacity refusals showed, below what NIP-11 said. */
  private OptionalInt refusedSubscriptions = OptionalInt.empty();
  private OptionalInt refusedFilters = OptionalInt.empty();
  private OptionalInt refusedBytes = OptionalInt.empty();

  RelayBatches(Vertx vertx, RelayUrl relay, RelayRecord restored, WorkerDeps deps, Runnable onChange,
      Consumer<String> onProblem) {
    this.vertx = vertx;
    this.relay = relay;
    this.url = relay.toString();
    this.deps = deps;
    this.config = deps.config();
    this.batchRules = config.batchRules();
    this.intake = new EventIntake(deps.host(), deps.metrics(), url);
    this.onChange = onChange;
    this.onProblem = onProblem;
    this.live = new LiveSubscriptions(vertx, url, deps.clock(), config.filterChunkSize(), config.catchUpOverlap(),
        SessionConfig.defaults().liveLookback(), config.rateLimitCooldown(), LiveTail.DEFAULT, budget(), this);
    confirmed.addAll(ItemKeys.parse(restored.confirmed()));
    Instant now = now();
    // a restart re-issues what was pending, under the same ids so confirming clears them
    restored.pending().forEach((id, items) -> {
      ItemSet set = ItemKeys.parse(items);
      if (!set.isEmpty()) {
        batches.put(id, Batch.initial(id, relay, set, config.filterChunkSize(), now));
        pending.addAll(set);
      }
    });
    this.nextBatchId = restored.pending().keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
  }

  // ---- what the worker tells it ------------------------------------------------------------

  void setTargets(ItemSet items) {
    targets = items;
  }

  /** A connection is open (and may take subscriptions once the worker says so). */
  void attach(RelaySession s, RelayLimitation relayLimits) {
    session = Optional.of(s);
    limits = relayLimits;
    refusedSubscriptions = OptionalInt.empty();
    refusedFilters = OptionalInt.empty();
    refusedBytes = OptionalInt.empty();
    anyFailed = false;
    live.attach(s, budget(), relayLimits.maxLimit());
  }

  /** The connection is gone: every subscription with it; pending batches wait for the next one. */
  void detach() {
    session = Optional.empty();
    live.detach();
    batches.values().removeIf(b -> b.purpose() == BatchPurpose.CATCH_UP);
    batches.replaceAll((id, b) -> batchRules.onDisconnected(b));
  }

  /**
   * Quick reconnect or restart: the confirmed items' live subscriptions open with {@code
   * since}, so one REQ each serves what was missed and then stays live.
   */
  void catchUp(long since) {
    if (confirmed.isEmpty()) {
      return;
    }
    log.info("{}: catching up from {}", url, Instant.ofEpochSecond(since));
    live.catchUp(confirmed.snapshot(), since);
  }

  /** First connection, long outage or daily resync: everything again, parked items included. */
  void fullSync() {
    log.info("{}: full sync", url);
    confirmed.clear();
    parked = ItemSet.EMPTY;
    deps.state().write(st -> st.resetProgress(url));
  }

  /** Turns new targets into batches and sends what the relay can take now. */
  void planWork(boolean maySubscribe) {
    ItemSet work = Planner.newWork(targets, pending.snapshot(), confirmed.snapshot(), parked);
    for (ItemSet chunk : Planner.split(work, config.filterChunkSize())) {
      long id = nextBatchId++;
      batches.put(id, Batch.initial(id, relay, chunk, config.filterChunkSize(), now()));
      pending.addAll(chunk);
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
    return live.waiting() || batches.values().stream().anyMatch(b -> b.state().pending());
  }

  boolean anyFailed() {
    return anyFailed;
  }

  int liveSubscriptions() {
    return live.openCount();
  }

  int overflowFilters() {
    return live.overflowFilters();
  }

  int confirmedItems() {
    return confirmed.size();
  }

  int parkedItems() {
    return parked.size();
  }

  // ---- sending --------------------------------------------------------------------------------

  /**
   * Sends queued batches while history slots are free ({@link LiveBudget#historySlots}), then
   * lets the live tail open. Fetches for live coverage (capped catch-ups, overflow polls) go
   * first: they concern items already confirmed.
   */
  private void sendQueued() {
    Optional<RelaySession> s = session.filter(RelaySession::isConnected);
    if (s.isEmpty()) {
      return;
    }
    int slots = budget().historySlots();
    List<Batch> queued = batches.values().stream().filter(b -> b.state() == BatchState.QUEUED)
        .sorted(Comparator.comparing((Batch b) -> b.purpose() != BatchPurpose.CATCH_UP).thenComparingLong(Batch::id))
        .toList();
    int openNow = count(BatchState.OPEN::equals);
    for (Batch b : queued) {
      if (openNow >= slots) {
        break;
      }
      send(s.get(), b);
      openNow++;
    }
    live.flush(batches.values().stream().anyMatch(b -> b.purpose() == BatchPurpose.INITIAL && b.state().pending()));
  }

  private int count(Predicate<BatchState> state) {
    return (int) batches.values().stream().filter(b -> state.test(b.state())).count();
  }

  private void send(RelaySession s, Batch b) {
    Batch sent = batchRules.sent(b, now());
    batches.put(b.id(), sent);
    // every filter: the listener's end covers all of them (finished ones cost one EOSE)
    List<Filter> filters = sent.filters().stream().map(LabelledFilter::filter).toList();
    s.openHistory(filters, new HistoryListener(this, b.id(), b.purpose()));
    if (b.purpose() == BatchPurpose.INITIAL) {
      live.afterHistorySent(b.items());
    }
  }

  private LiveBudget budget() {
    return LiveBudget.of(config.consolidationThreshold(), lowest(limits.maxSubscriptions(), refusedSubscriptions),
        lowest(limits.maxFilters(), refusedFilters), config.maxFiltersPerSubscription(),
        lowest(limits.maxMessageLength(), refusedBytes), MAX_OPEN_BATCHES);
  }

  private static OptionalInt lowest(OptionalInt advertised, OptionalInt refused) {
    if (refused.isEmpty()) {
      return advertised;
    }
    return advertised.isPresent() && advertised.getAsInt() > 0
        ? OptionalInt.of(Math.min(advertised.getAsInt(), refused.getAsInt())) : refused;
  }

  // ---- what the subscriptions report -----------------------------------------------------------

  @Override
  public Future<?> ingest(Event event, BatchPurpose purpose) {
    return intake.take(event, purpose);
  }

  /** A live filter that may have been cut short, or overflow: paged history, as a catch-up batch. */
  @Override
  public void fetchHistory(List<Filter> filters) {
    if (filters.isEmpty()) {
      return;
    }
    long id = nextBatchId++;
    List<LabelledFilter> labelled = filters.stream().map(f -> new LabelledFilter(Layer.of(f), f)).toList();
    batches.put(id, Batch.queued(id, relay, BatchPurpose.CATCH_UP, ItemSet.EMPTY, labelled, now()));
    sendQueued();
  }

  @Override
  public void onLiveRefused(SubscriptionOutcome outcome) {
    if (!onCapacityRefusal(outcome)) {
      String message = outcome instanceof SubscriptionOutcome.Refused r ? r.message() : outcome.toString();
      onProblem.accept("live subscription refused: CLOSED " + message);
      return;
    }
    live.consolidateNow();
  }

  /**
   * A CLOSED about capacity lowers this connection's budget to what the relay showed: the
   * subscriptions it had accepted, or half the filters or bytes of the refused REQ.
   *
   * @return whether the refusal was about capacity
   */
  boolean onCapacityRefusal(SubscriptionOutcome outcome) {
    if (!(outcome instanceof SubscriptionOutcome.Refused refused)) {
      return false;
    }
    Optional<CapacityRefusal> kind = CapacityRefusal.classify(refused.message());
    if (kind.isEmpty()) {
      return false;
    }
    LiveBudget before = budget();
    switch (kind.get()) {
      case TOO_MANY_SUBSCRIPTIONS -> refusedSubscriptions = OptionalInt.of(
          Math.max(2, Math.min(before.subscriptions() - 1, session.map(RelaySession::openSubscriptions).orElse(2))));
      case TOO_MANY_FILTERS -> refusedFilters = OptionalInt.of(Math.max(1, before.filtersPerRequest() / 2));
      case TOO_LARGE -> refusedBytes = OptionalInt.of(Math.max(1024, before.bytesPerRequest() / 2));
    }
    log.warn("{}: relay refused for capacity ({}); budget now {}", url, refused.message(), budget());
    live.rebudget(budget());
    return true;
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
        pending.removeAll(b.items());
        confirmed.addAll(b.items());
        deps.state().write(st -> st.confirm(url, b.id(), ItemKeys.keys(b.items())));
      }
    } else if (outcome instanceof BatchOutcome.Failed failed) {
      batches.remove(b.id());
      anyFailed = true;
      if (b.purpose() == BatchPurpose.INITIAL) {
        pending.removeAll(b.items());
        parked = parked.union(b.items());
        live.forget(b.items());
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
    send(s.get(), b);
  }

  @Override
  public void onChange() {
    sendQueued();
    onChange.run();
  }

  Instant now() {
    return deps.clock().instant();
  }
}
