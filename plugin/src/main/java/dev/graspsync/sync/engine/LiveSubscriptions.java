package dev.graspsync.sync.engine;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sync.batch.BatchPurpose;
import dev.graspsync.sync.plan.Consolidation;
import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.plan.LiveBudget;
import dev.graspsync.sync.plan.LiveLayout;
import dev.graspsync.sync.plan.LiveTail;
import dev.graspsync.sync.session.RelaySession;
import dev.graspsync.sync.session.SubscriptionOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relay's live subscriptions, on its worker's event loop. Items whose history was asked
 * for wait in a tail ({@link LiveTail}) and then share subscriptions packed with as many
 * filters as the relay allows; a catch-up opens the confirmed items' subscriptions with the
 * catch-up's {@code since}, so the same REQ serves the gap and then stays live. The count never
 * passes the live budget: past it, everything is consolidated ({@link Consolidation}); what
 * still cannot fit is overflow, fetched every {@link #OVERFLOW_POLL} by a history query.
 */
final class LiveSubscriptions {
  private static final Logger log = LoggerFactory.getLogger(LiveSubscriptions.class);
  /** How often overflow filters are asked for what they missed. */
  static final Duration OVERFLOW_POLL = Duration.ofSeconds(60);
  /** A relay that does not advertise max_limit is assumed to serve this many stored events a filter. */
  static final int ASSUMED_CAP = 100;

  /** What the live subscriptions need from the relay's work. */
  interface Owner {
    Future<?> ingest(Event event, BatchPurpose purpose);

    /** History of these filters (each with its since), paged: a capped catch-up or an overflow poll. */
    void fetchHistory(List<Filter> filters);

    /** A live subscription was refused: the owner may lower the budget. */
    void onLiveRefused(SubscriptionOutcome outcome);

    void onChange();
  }

  private final Vertx vertx;
  private final String url;
  private final Clock clock;
  private final int chunkSize;
  private final Duration overlap;
  private final Duration lookback;
  private final Duration rateLimitCooldown;
  private final LiveTail tailRule;
  private final Owner owner;

  private Optional<RelaySession> session = Optional.empty();
  private LiveBudget budget;
  private OptionalInt maxLimit = OptionalInt.empty();
  private final Map<String, LiveListener> open = new LinkedHashMap<>();
  /** Items with an open subscription (or in overflow). */
  private ItemSet covered = ItemSet.EMPTY;
  /** Items waiting for one, and the since their subscription must reach back to. */
  private ItemSet tail = ItemSet.EMPTY;
  private long tailSince = Long.MAX_VALUE;
  private Optional<Instant> tailStarted = Optional.empty();
  private List<Filter> overflow = List.of();
  private long overflowPolledAt;
  private long generation;
  private long consolidations;

  LiveSubscriptions(Vertx vertx, String url, Clock clock, int chunkSize, Duration overlap, Duration lookback,
      Duration rateLimitCooldown, LiveTail tailRule, LiveBudget initialBudget, Owner owner) {
    this.vertx = vertx;
    this.url = url;
    this.clock = clock;
    this.chunkSize = chunkSize;
    this.overlap = overlap;
    this.lookback = lookback;
    this.rateLimitCooldown = rateLimitCooldown;
    this.tailRule = tailRule;
    this.budget = initialBudget;
    this.owner = owner;
  }

  // ---- connection ---------------------------------------------------------------------------

  void attach(RelaySession s, LiveBudget b, OptionalInt relayMaxLimit) {
    session = Optional.of(s);
    budget = b;
    maxLimit = relayMaxLimit;
  }

  /** Every subscription died with the socket: the next connection decides again what is live. */
  void detach() {
    session = Optional.empty();
    open.clear();
    covered = ItemSet.EMPTY;
    tail = ItemSet.EMPTY;
    tailSince = Long.MAX_VALUE;
    tailStarted = Optional.empty();
    overflow = List.of();
    generation++;
  }

  /** A refusal showed lower limits: consolidate at once if what is open passes them. */
  void rebudget(LiveBudget b) {
    budget = b;
    if (Consolidation.overBudget(open.size(), b.liveSubscriptions())) {
      session().ifPresent(s -> consolidate(s, consolidationSince()));
    }
  }

  // ---- coverage -----------------------------------------------------------------------------

  /** Items whose history was just asked for: live from {@code now − lookback} on. */
  void afterHistorySent(ItemSet items) {
    add(items, now().minus(lookback).getEpochSecond());
  }

  /** Quick reconnect or restart: the confirmed items' subscriptions serve everything since {@code since}. */
  void catchUp(ItemSet items, long since) {
    add(items, since);
  }

  private void add(ItemSet adding, long since) {
    // a retried or re-sent batch is already covered: one subscription per item is enough
    ItemSet items = adding.minus(covered, tail);
    if (items.isEmpty()) {
      return;
    }
    if (tail.isEmpty()) {
      tailStarted = Optional.of(now());
      vertx.setTimer(Math.max(1, tailRule.maxAge().toMillis()), t -> owner.onChange());
    }
    tail = tail.union(items);
    tailSince = Math.min(tailSince, since);
  }

  /** Items whose history failed wait for the daily resync: no live subscription for them yet. */
  void forget(ItemSet items) {
    if (!tail.isEmpty() && !items.isEmpty()) {
      tail = tail.minus(items);
      if (tail.isEmpty()) {
        clearTail();
      }
    }
  }

  /** Opens the tail's subscriptions when {@link LiveTail} says so. */
  void flush(boolean historyPending) {
    Optional<RelaySession> s = session();
    if (s.isEmpty() || tail.isEmpty()) {
      return;
    }
    LiveLayout layout = LiveLayout.of(tail, chunkSize, tailSince, budget, Integer.MAX_VALUE);
    List<List<Filter>> packs = layout.subscriptions();
    Duration age = Duration.between(tailStarted.orElse(now()), now());
    if (!tailRule.open(packs.size(), packs.isEmpty() ? 0 : packs.get(packs.size() - 1).size(),
        budget.filtersPerRequest(), historyPending, age)) {
      return;
    }
    boolean catchUp = tailSince < now().minus(lookback).getEpochSecond();
    if (Consolidation.onAdding(open.size(), packs.size(), budget.liveSubscriptions()) == Consolidation.Step.OPEN) {
      packs.forEach(p -> openOne(s.get(), p, catchUp));
      covered = covered.union(tail);
      clearTail();
    } else {
      consolidate(s.get(), Math.min(tailSince, consolidationSince()));
    }
  }

  /**
   * Closes every live subscription and lays the covered items out again in the fewest. The
   * closed ones were live until this moment, so {@code since} only needs to cover events
   * stored late (the catch-up overlap), not history.
   */
  private void consolidate(RelaySession s, long since) {
    ItemSet all = covered.union(tail);
    consolidations++;
    log.info("{}: consolidating {} live subscriptions ({} items)", url, open.size(), all.size());
    List.copyOf(open.keySet()).forEach(s::closeSubscription);
    open.clear();
    LiveLayout layout = LiveLayout.of(all, chunkSize, since, budget, budget.liveSubscriptions());
    boolean catchUp = since < now().minus(lookback).getEpochSecond();
    layout.subscriptions().forEach(p -> openOne(s, p, catchUp));
    covered = all;
    clearTail();
    setOverflow(layout.overflow(), since);
  }

  private void setOverflow(List<Filter> filters, long since) {
    boolean started = overflow.isEmpty() && !filters.isEmpty();
    overflow = filters;
    if (filters.isEmpty()) {
      return;
    }
    log.warn("{}: {} filters do not fit in {} live subscriptions of {} filters; they are polled every {} s",
        url, filters.size(), budget.liveSubscriptions(), budget.filtersPerRequest(), OVERFLOW_POLL.toSeconds());
    overflowPolledAt = since;
    if (started) {
      long gen = generation;
      vertx.setPeriodic(OVERFLOW_POLL.toMillis(), id -> {
        if (gen != generation || overflow.isEmpty()) {
          vertx.cancelTimer(id);
          return;
        }
        pollOverflow();
      });
      pollOverflow();
    }
  }

  /** What the overflow filters missed since the last poll (less the lookback, for late arrivals). */
  private void pollOverflow() {
    long since = overflowPolledAt;
    overflowPolledAt = now().minus(lookback).getEpochSecond();
    owner.fetchHistory(overflow.stream().map(f -> f.withSince(since)).toList());
  }

  private void openOne(RelaySession s, List<Filter> filters, boolean catchUp) {
    List<Filter> capped = maxLimit.isPresent() ? filters.stream().map(f -> f.withLimit(maxLimit.getAsInt())).toList() : filters;
    LiveListener listener = new LiveListener(this, capped, catchUp);
    listener.subscriptionId = s.openLive(capped, listener);
    open.put(listener.subscriptionId, listener);
  }

  private void clearTail() {
    tail = ItemSet.EMPTY;
    tailSince = Long.MAX_VALUE;
    tailStarted = Optional.empty();
  }

  // ---- what the subscriptions report ---------------------------------------------------------

  Future<?> ingest(Event event, BatchPurpose purpose) {
    return owner.ingest(event, purpose);
  }

  /** EOSE: a filter served as many stored events as the relay's cap gets its history paged. */
  void onLiveCaughtUp(LiveListener listener) {
    List<Filter> cut = listener.filtersAtCap(maxLimit.orElse(ASSUMED_CAP));
    if (!cut.isEmpty()) {
      log.info("{}: {} live filters reached the relay's cap before EOSE; paging their history", url, cut.size());
      owner.fetchHistory(cut.stream().map(Filter::withoutLimit).toList());
    }
  }

  void onLiveEnded(LiveListener listener, SubscriptionOutcome outcome) {
    if (open.remove(listener.subscriptionId) == null) {
      return;
    }
    log.info("{}: live subscription ended: {}", url, outcome);
    if (outcome instanceof SubscriptionOutcome.RateLimited) {
      long gen = generation;
      vertx.setTimer(Math.max(1, rateLimitCooldown.toMillis()), t -> {
        if (gen == generation) {
          session().ifPresent(s -> reopen(s, listener));
        }
      });
    } else if (outcome instanceof SubscriptionOutcome.Refused) {
      // the owner lowers the budget when the refusal was about capacity, and consolidation
      // brings the lost filters back; any other refusal leaves them to the next daily resync
      owner.onLiveRefused(outcome);
    }
    owner.onChange();
  }

  private void reopen(RelaySession s, LiveListener ended) {
    if (Consolidation.onAdding(open.size(), 1, budget.liveSubscriptions()) == Consolidation.Step.OPEN) {
      openOne(s, ended.filters(), false);
    } else {
      consolidate(s, consolidationSince());
    }
  }

  /** After a capacity refusal lowered the budget: lay everything out again within it. */
  void consolidateNow() {
    session().ifPresent(s -> consolidate(s, consolidationSince()));
  }

  // ---- status -------------------------------------------------------------------------------

  int openCount() {
    return open.size();
  }

  int overflowFilters() {
    return overflow.size();
  }

  long consolidations() {
    return consolidations;
  }

  boolean waiting() {
    return !tail.isEmpty();
  }

  List<String> openIds() {
    return new ArrayList<>(open.keySet());
  }

  private long consolidationSince() {
    return Math.max(0, now().minus(overlap).getEpochSecond());
  }

  private Optional<RelaySession> session() {
    return session.filter(RelaySession::isConnected);
  }

  private Instant now() {
    return clock.instant();
  }
}
