package dev.graspsync.sync.engine;

import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.negentropy.NegentropyStorage;
import dev.graspsync.sync.batch.Batch;
import dev.graspsync.sync.batch.BatchPurpose;
import dev.graspsync.sync.config.SyncConfig;
import dev.graspsync.sync.nip11.RelayLimitation;
import dev.graspsync.sync.plan.LiveBudget;
import dev.graspsync.sync.reconcile.FallbackReason;
import dev.graspsync.sync.reconcile.FrameLimit;
import dev.graspsync.sync.reconcile.IdRequests;
import dev.graspsync.sync.reconcile.Nip77Support;
import dev.graspsync.sync.reconcile.RefusedItems;
import dev.graspsync.sync.refused.RefusedMemory;
import dev.graspsync.sync.session.RelaySession;
import dev.graspsync.sync.session.SessionConfig;
import dev.graspsync.sync.session.SubscriptionListener;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one relay's history REQ groups go: a paged REQ, or NIP-77 reconciliation ({@link
 * ReconcilingHistory}) while the connection has not shown that the relay does not speak it.
 * Initial batches (first connection, full syncs) and periodic reconciliations reconcile;
 * catch-ups and overflow polls (short, {@code since}-bounded) stay REQs. Owns what the
 * connection learned of the relay's NIP-77 ({@link Nip77Support}); on the worker's event loop.
 */
final class HistoryRoute {
  private static final Logger log = LoggerFactory.getLogger(HistoryRoute.class);
  /** A relay never seen answering NEG-OPEN gets this long before it is taken as not speaking NIP-77. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
  /**
   * Reconciliations open at once on one connection at most (the reference host's default; strfry
   * and others bound it too): it also bounds the local sets held in memory. A relay refusing
   * for "too many open" lowers it for the connection.
   */
  static final int MAX_OPEN_RECONCILIATIONS = 4;
  /** Reconciliations open at once across all relays: each holds its packed local set. */
  static final int MAX_OPEN_RECONCILIATIONS_HOST_WIDE = 8;

  private final String url;
  private final WorkerDeps deps;
  private final SyncConfig config;
  private final Supplier<LiveBudget> budget;
  private final Set<Long> periodic = new HashSet<>();
  private final RefusedItems refused;
  private Nip77Support support = Nip77Support.fromNip11(false);
  private RelayLimitation limits = RelayLimitation.NONE;
  private final ArrayDeque<Promise<Void>> waiting = new ArrayDeque<>();
  private int open;
  private int openCap = MAX_OPEN_RECONCILIATIONS;
  /** Counts connections, so a reconciliation of an earlier one does not give back a slot of this one. */
  private long epoch;

  HistoryRoute(String url, WorkerDeps deps, Supplier<LiveBudget> budget) {
    this.url = url;
    this.deps = deps;
    this.config = deps.config();
    this.budget = budget;
    this.refused = refusedItems(deps.refused());
  }

  /** The refused-event memory's (created_at, id) for a filter: they join its local set, never fetched. */
  static RefusedItems refusedItems(RefusedMemory memory) {
    return filter -> memory.matching(filter).stream()
        .flatMap(r -> r.event().map(e -> new RefusedItems.Item(e.createdAt(), r.id())).stream())
        .toList();
  }

  /** A new connection: what NIP-11 says, nothing learned yet. */
  void attach(RelayLimitation relayLimits, boolean advertised) {
    limits = relayLimits;
    support = Nip77Support.fromNip11(advertised);
  }

  void detach() {
    periodic.clear();
    epoch++;
    open = 0;
    openCap = MAX_OPEN_RECONCILIATIONS;
    // their sessions are gone: they end Disconnected at once
    List.copyOf(waiting).forEach(Promise::tryComplete);
    waiting.clear();
  }

  // ---- concurrent reconciliations on this connection ------------------------------------------

  long epoch() {
    return epoch;
  }

  /**
   * Completes when this connection may open one more reconciliation and the host-wide slots
   * ({@link WorkerDeps#localSetSlots}) have room; give both back with {@link #release}.
   */
  Future<Void> acquire() {
    return connectionSlot().compose(v -> deps.localSetSlots().acquire());
  }

  private Future<Void> connectionSlot() {
    if (open < openCap) {
      open++;
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    waiting.add(p);
    return p.future();
  }

  void release(long ofEpoch) {
    deps.localSetSlots().release();
    if (ofEpoch != epoch) {
      return;
    }
    open = Math.max(0, open - 1);
    while (open < openCap && !waiting.isEmpty()) {
      open++;
      waiting.poll().complete();
    }
  }

  /** The relay said too many are open: one fewer from now on; false when one at a time was already too many. */
  boolean fewerAtOnce() {
    if (openCap <= 1) {
      return false;
    }
    openCap = Math.max(1, Math.min(openCap - 1, open));
    log.info("{}: the relay refused a reconciliation for too many open; {} at once from now on", url, openCap);
    return true;
  }

  boolean isPeriodic(long batchId) {
    return periodic.contains(batchId);
  }

  void markPeriodic(long batchId) {
    periodic.add(batchId);
  }

  /** Forgets periodic batches that are gone; true when none is left (a new round may start). */
  boolean periodicDone(Set<Long> liveBatchIds) {
    periodic.retainAll(liveBatchIds);
    return periodic.isEmpty();
  }

  /** Sends one REQ group of {@code b}: reconciled when the relay may speak NIP-77, else a paged REQ. */
  void open(RelaySession s, Batch b, List<Filter> filters, SubscriptionListener listener) {
    boolean isPeriodic = periodic.contains(b.id());
    if (isPeriodic || (b.purpose() == BatchPurpose.INITIAL && support.mayReconcile())) {
      new ReconcilingHistory(this, s, filters, !isPeriodic, listener).start();
    } else {
      s.openHistory(filters, listener);
    }
  }

  Nip77Support support() {
    return support;
  }

  /** Whether periodic reconciliation applies: the relay answered, or says it speaks NIP-77. */
  boolean reconciles() {
    return support.state() == Nip77Support.State.CONFIRMED || support.state() == Nip77Support.State.ADVERTISED;
  }

  // ---- what a reconciling group asks --------------------------------------------------------------

  Future<NegentropyStorage> localSet(Filter filter) {
    return LocalSet.load(deps.host().store(), filter, refused);
  }

  /** Which of {@code ids} the host stores by now. */
  Future<Set<String>> stored(List<String> ids) {
    return deps.host().store().containsAll(ids);
  }

  FetchClaims claims() {
    return deps.fetchClaims();
  }

  void answered() {
    support = support.answered();
  }

  void fellBack(FallbackReason reason, boolean remember) {
    deps.metrics().reconcileFallback(reason.label());
    if (!remember) {
      log.info("{}: a filter is fetched with paged REQs ({})", url, reason.label());
    } else if (support.mayReconcile()) {
      support = support.gaveUp(reason);
      log.info("{}: no NIP-77 on this connection ({}); history by paged REQs", url, reason.label());
    }
  }

  int frameLimit() {
    return FrameLimit.forRelay(limits.maxMessageLength());
  }

  Duration negTimeout() {
    return support.probing() && PROBE_TIMEOUT.compareTo(config.eoseTimeout()) < 0 ? PROBE_TIMEOUT : config.eoseTimeout();
  }

  int idsPerRequest() {
    return IdRequests.idsPerRequest(SessionConfig.defaults().historyPageLimit(), limits.maxLimit(),
        java.util.OptionalInt.of(budget.get().bytesPerRequest()));
  }

  int filtersPerRequest() {
    return Math.max(1, budget.get().filtersPerRequest());
  }

  long nowSeconds() {
    return deps.clock().instant().getEpochSecond();
  }

  SyncMetrics metrics() {
    return deps.metrics();
  }
}
