package dev.graspsync.sync.engine;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sync.batch.Batch;
import dev.graspsync.sync.batch.BatchOutcome;
import dev.graspsync.sync.batch.BatchPurpose;
import dev.graspsync.sync.batch.BatchRules;
import dev.graspsync.sync.batch.BatchState;
import dev.graspsync.sync.config.SyncConfig;
import dev.graspsync.sync.nip11.RelayLimitation;
import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.plan.LabelledFilter;
import dev.graspsync.sync.plan.Layer;
import dev.graspsync.sync.plan.LiveBudget;
import dev.graspsync.sync.plan.LivePacking;
import dev.graspsync.sync.plan.LiveTail;
import dev.graspsync.sync.plan.Planner;
import dev.graspsync.sync.plan.FilterPlan;
import dev.graspsync.sync.reconcile.Nip77Support;
import dev.graspsync.sync.relay.RelayUrl;
import dev.graspsync.sync.session.RelaySession;
import dev.graspsync.sync.session.SessionConfig;
import dev.graspsync.sync.session.SubscriptionOutcome;
import dev.graspsync.sync.session.UnfinishedHistory;
import dev.graspsync.sync.state.RelayRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relay's sync work, on its worker's event loop: history batches over the items {@link
 * RelayItems} tracks and, through {@link LiveSubscriptions}, live coverage. Sends each batch as a
 * paged history subscription; how it ends (confirmed at EOSE, retried or parked on failure) is
 * {@link BatchEndings}; its items go live in packed subscriptions shared with other batches.
 */
final class RelayBatches implements LiveSubscriptions.Owner {
  private static final Logger log = LoggerFactory.getLogger(RelayBatches.class);
  /** History batches open at once on one relay, when its limits allow that many. */
  static final int MAX_OPEN_BATCHES = 4;

  private final RelayUrl relay;
  private final String url;
  private final WorkerDeps deps;
  private final SyncConfig config;
  private final BatchRules batchRules;
  private final EventIntake intake;
  private final Runnable onChange;
  private final Consumer<String> onProblem;
  private final LiveSubscriptions live;
  private final CapacityLearning capacity;
  private final RetryTimer retries;
  /** Whether a batch's REQ groups are reconciled (NIP-77) or paged REQs. */
  private final HistoryRoute route;
  /** New work not batched yet, and the relay's turn under the host-wide cap on relays syncing history. */
  private final HistoryBacklog unbatched;

  private final RelayItems items;
  private final Map<Long, Batch> batches = new LinkedHashMap<>();
  private long nextBatchId;
  /** How its batches end: confirmed, parked or retried. */
  private final BatchEndings endings;
  private Optional<RelaySession> session = Optional.empty();
  private final RelayLimits limits;
  /** History REQs open on this connection; a new connection starts from zero. */
  private int historyOpen;
  private long connection;

  RelayBatches(Vertx vertx, RelayUrl relay, RelayRecord restored, WorkerDeps deps, Runnable onChange,
      Consumer<String> onProblem) {
    this.relay = relay;
    this.url = relay.toString();
    this.deps = deps;
    this.config = deps.config();
    this.batchRules = config.batchRules();
    this.intake = new EventIntake(deps.host(), deps.metrics(), url, deps.refused());
    this.onChange = onChange;
    this.onProblem = onProblem;
    this.limits = new RelayLimits(config, MAX_OPEN_BATCHES);
    this.route = new HistoryRoute(url, deps, this::budget);
    this.unbatched = new HistoryBacklog(new HistoryTurn(deps.historyTurns(), vertx.getOrCreateContext(), this::onChange));
    this.live = new LiveSubscriptions(vertx, url, deps.clock(), config.filterChunkSize(), config.catchUpOverlap(),
        SessionConfig.defaults().liveLookback(), config.rateLimitCooldown(), LiveTail.DEFAULT, budget(), this);
    this.capacity = new CapacityLearning(url, limits, live);
    this.retries = new RetryTimer(vertx, deps.clock(), batchRules, this::batch, this::sendQueued);
    this.items = new RelayItems(url, deps.state());
    this.endings = new BatchEndings(url, batches, items, live, retries, deps.metrics(), onProblem);
    Instant now = now();
    // a restart re-issues what was pending, under the same ids so confirming clears them
    items.restore(restored, (id, set) -> batches.put(id, Batch.initial(id, relay, set, config.filterChunkSize(), now)));
    this.nextBatchId = restored.pending().keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
  }

  // ---- what the worker tells it ------------------------------------------------------------

  /** New targets: confirmed items no longer targeted are forgotten (see {@link RelayItems#retarget}), live too. */
  void setTargets(ItemSet targets) {
    ItemSet retired = items.retarget(targets);
    if (!retired.isEmpty()) {
      live.retire(retired);
    }
  }

  /** A connection is open (and may take subscriptions once the worker says so). */
  void attach(RelaySession s, RelayLimitation relayLimits) {
    session = Optional.of(s);
    connection++;
    historyOpen = 0;
    limits.reset(relayLimits);
    route.attach(relayLimits, false);
    endings.connected();
    live.attach(s, budget(), relayLimits.maxLimit());
  }

  /** The connection is gone: every subscription with it; pending batches wait for the next one. */
  void detach() {
    session = Optional.empty();
    connection++;
    historyOpen = 0;
    live.detach();
    route.detach();
    unbatched.detach();
    batches.values().removeIf(b -> b.purpose() == BatchPurpose.CATCH_UP);
    batches.replaceAll((id, b) -> batchRules.onDisconnected(b));
  }

  /**
   * Quick reconnect or restart: the confirmed items' live subscriptions open with {@code
   * since}, so one REQ each serves what was missed and then stays live.
   */
  void catchUp(long since) {
    if (!items.anyConfirmed()) {
      return;
    }
    log.info("{}: catching up from {}", url, Instant.ofEpochSecond(since));
    live.catchUp(items.confirmed(), since);
  }

  /** First connection, long outage or daily resync: everything again, parked items included. */
  void fullSync() {
    log.info("{}: full sync", url);
    items.reset();
    endings.fullSync();
  }

  /** Cuts new targets into chunks, which become batches in turn, and sends what the relay can take now. */
  void planWork(boolean maySubscribe) {
    unbatched.add(items.newWork(unbatched.queued()), config.filterChunkSize());
    if (maySubscribe) {
      sendQueued();
    }
  }

  private void batchOf(ItemSet chunk) {
    long id = nextBatchId++;
    batches.put(id, Batch.initial(id, relay, chunk, config.filterChunkSize(), now()));
    items.batched(id, chunk);
  }

  /** NIP-11 lists 77: reconcile without probing first. Call after {@link #attach}. */
  void nip77Advertised(boolean advertised) {
    if (advertised) {
      route.attach(limits.advertised(), true);
    }
  }

  /**
   * Periodic reconciliation ({@code reconcile-interval-minutes}) of a relay that speaks NIP-77:
   * every confirmed item's history again, as catch-up batches that only reconcile (never a paged
   * download), so what live sync missed is fetched and counted as gaps. Skipped while history is
   * still syncing or the previous round is still running.
   */
  void reconcileConfirmed() {
    if (session.filter(RelaySession::isConnected).isEmpty() || !route.reconciles() || !items.anyConfirmed()
        || !route.periodicDone(batches.keySet())
        || !unbatched.isEmpty() || batches.values().stream().anyMatch(b -> b.purpose() == BatchPurpose.INITIAL)) {
      return;
    }
    log.info("{}: periodic reconciliation of {} items", url, items.confirmedCount());
    for (ItemSet chunk : Planner.split(items.confirmed(), config.filterChunkSize())) {
      long id = nextBatchId++;
      batches.put(id, Batch.queued(id, relay, BatchPurpose.CATCH_UP, chunk,
          FilterPlan.forItems(chunk, config.filterChunkSize()), now()));
      route.markPeriodic(id);
    }
    sendQueued();
    onChange.run();
  }

  /** What this connection knows of the relay's NIP-77, for the status page. */
  Nip77Support nip77() {
    return route.support();
  }

  // ---- status -------------------------------------------------------------------------------

  /** Batches not completed or failed, chunks not yet batched counted as one each. */
  int pendingBatches() {
    return batches.size() + unbatched.size();
  }

  boolean syncing() {
    return live.waiting() || !unbatched.isEmpty() || batches.values().stream().anyMatch(b -> b.state().pending());
  }

  boolean anyFailed() {
    return endings.anyFailed();
  }

  int liveSubscriptions() {
    return live.openCount();
  }

  /** Subscriptions this connection may hold at most, history and live. */
  int subscriptionLimit() {
    return budget().subscriptions();
  }

  HistoryTurn.State historyTurn() {
    return unbatched.turn();
  }

  int overflowFilters() {
    return live.overflowFilters();
  }

  int historyIncompleteFilters() {
    return endings.historyIncomplete();
  }

  /** Which items are targeted, confirmed, parked. */
  RelayItems items() {
    return items;
  }

  // ---- sending --------------------------------------------------------------------------------

  /**
   * Sends queued batches, and retries whose time has come, while history slots are free
   * ({@link LiveBudget#historySlots}), then lets the live tail open. Fetches for live coverage
   * (capped catch-ups, overflow polls) go first: they concern items already confirmed.
   */
  private void sendQueued() {
    Optional<RelaySession> s = session.filter(RelaySession::isConnected);
    if (s.isEmpty()) {
      return;
    }
    LiveBudget budget = budget();
    Instant now = now();
    unbatched.batchAhead(batches.values(), items.targets(), this::batchOf);
    List<Batch> ready = batches.values().stream()
        .filter(b -> b.state() == BatchState.QUEUED || batchRules.due(b, now))
        .sorted(Comparator.comparing((Batch b) -> b.purpose() != BatchPurpose.CATCH_UP).thenComparingLong(Batch::id))
        .toList();
    for (Batch b : ready) {
      if (isHistory(b) && !unbatched.mayProceed()) {
        continue;
      }
      List<List<Integer>> requests = requests(b, budget);
      // a batch needing more REQs than there are slots still goes, alone
      if (historyOpen > 0 && historyOpen + requests.size() > budget.historySlots()) {
        break;
      }
      send(s.get(), b, requests);
    }
    unbatched.settle(batches.values().stream().anyMatch(b -> isHistory(b)
        && (b.state() == BatchState.OPEN || b.state() == BatchState.QUEUED || batchRules.due(b, now))));
    live.flush(!unbatched.isEmpty()
        || batches.values().stream().anyMatch(b -> b.purpose() == BatchPurpose.INITIAL && b.state().pending()));
  }

  /** Initial and periodic history need a turn ({@link HistoryTurn}); live coverage's catch-ups do not. */
  private boolean isHistory(Batch b) {
    return b.purpose() == BatchPurpose.INITIAL || route.isPeriodic(b.id());
  }

  /** The batch's unfinished filters, grouped into REQs the relay takes. */
  private static List<List<Integer>> requests(Batch b, LiveBudget budget) {
    List<Integer> unfinished = b.unfinishedFilters();
    List<Filter> filters = unfinished.stream().map(i -> b.filters().get(i).filter()).toList();
    return LivePacking.packIndexes(filters, budget.filtersPerRequest(), budget.bytesPerRequest()).stream()
        .map(group -> group.stream().map(unfinished::get).toList()).toList();
  }

  private void send(RelaySession s, Batch b, List<List<Integer>> requests) {
    Batch sent = batchRules.sent(b, now());
    batches.put(b.id(), sent);
    for (List<Integer> group : requests) {
      List<Filter> filters = group.stream().map(i -> sent.filters().get(i).filter()).toList();
      RequestShape shape = RequestShape.of(s.openSubscriptions(), filters);
      historyOpen++;
      route.open(s, sent, filters, new HistoryListener(this, b.id(), b.purpose(), group, shape, connection));
    }
    if (b.purpose() == BatchPurpose.INITIAL) {
      live.afterHistorySent(b.items());
    }
  }

  /** A history REQ ended (any way): its slot is free, unless it belonged to an earlier connection. */
  void historyEnded(long ofConnection) {
    if (ofConnection == connection && historyOpen > 0) {
      historyOpen--;
    }
  }

  private LiveBudget budget() {
    return limits.budget();
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
  public void onLiveLost(String problem) {
    log.warn("{}: {}", url, problem);
    onProblem.accept(problem);
  }

  @Override
  public void onLiveRefused(SubscriptionOutcome outcome, RequestShape shape) {
    if (!capacity.liveRefused(outcome, shape)) {
      String message = outcome instanceof SubscriptionOutcome.Refused r ? r.message() : outcome.toString();
      onProblem.accept("live subscription refused: CLOSED " + message);
    }
  }

  void onHistoryEnded(SubscriptionOutcome outcome, RequestShape shape) {
    capacity.historyEnded(outcome, shape);
  }

  void onNotice(String message) {
    capacity.notice(message);
  }

  Optional<Batch> batch(long id) {
    return Optional.ofNullable(batches.get(id));
  }

  BatchRules rules() {
    return batchRules;
  }

  /** A history filter stopped short of the end: see {@link BatchEndings#unfinished}. */
  void onHistoryUnfinished(UnfinishedHistory unfinished) {
    endings.unfinished(unfinished);
  }

  /** Applies a batch transition a history listener computed ({@link BatchEndings}). */
  void onBatchOutcome(BatchOutcome outcome) {
    if (endings.apply(outcome)) {
      sendQueued();
      onChange.run();
    }
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
