package dev.graspsync.sync.engine;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sync.batch.BatchPurpose;
import dev.graspsync.sync.plan.Consolidation;
import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.plan.LiveBudget;
import dev.graspsync.sync.plan.LiveLayout;
import dev.graspsync.sync.plan.LivePacking;
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
 * still cannot fit is overflow, fetched by a history query every minute ({@link OverflowPoller}).
 */
final class LiveSubscriptions {
  private static final Logger log = LoggerFactory.getLogger(LiveSubscriptions.class);
  /** A relay that does not advertise max_limit is assumed to serve this many stored events a filter. */
  static final int ASSUMED_CAP = 100;
  /** The fresh subscription is replaced while it takes at most this share of the byte budget. */
  static final int FRESH_SHARE = 4;

  /** What the live subscriptions need from the relay's work. */
  interface Owner {
    Future<?> ingest(Event event, BatchPurpose purpose);

    /** History of these filters (each with its since), paged: a capped catch-up or an overflow poll. */
    void fetchHistory(List<Filter> filters);

    /** Live coverage was lost until the next connection: tell the operator. */
    void onLiveLost(String problem);

    /** A live subscription was refused: the owner may lower the budget. */
    void onLiveRefused(SubscriptionOutcome outcome, RequestShape shape);

    void onChange();
  }

  private final Vertx vertx;
  private final String url;
  private final Clock clock;
  private final int chunkSize;
  private final Duration overlap;
  private final Duration lookback;
  private final LiveTail tailRule;
  /** When a live REQ that ended without our asking is asked again. */
  private final LiveReopening reopening;
  private final Owner owner;

  private Optional<RelaySession> session = Optional.empty();
  private LiveBudget budget;
  private OptionalInt maxLimit = OptionalInt.empty();
  private final Map<String, LiveListener> open = new LinkedHashMap<>();
  /** Items with an open subscription (or in overflow). */
  private ItemSet covered = ItemSet.EMPTY;
  /** Items waiting for one. */
  private final LiveWaitlist tail = new LiveWaitlist();
  private final OverflowPoller overflow;
  private long consolidations;
  /** Changes on every consolidation and connection: a re-open scheduled before is void. */
  private long layoutVersion;
  private int largestRequestBytes;
  private Optional<FreshPack> fresh = Optional.empty();

  LiveSubscriptions(Vertx vertx, String url, Clock clock, int chunkSize, Duration overlap, Duration lookback,
      Duration rateLimitCooldown, LiveTail tailRule, LiveBudget initialBudget, Owner owner) {
    this(vertx, url, clock, chunkSize, overlap, lookback, rateLimitCooldown, tailRule, initialBudget, owner,
        OverflowPoller.INTERVAL, LiveReopening.UNANSWERED_BACKOFF);
  }

  /** With the overflow poll interval and the unanswered-REQ backoff base shortened (tests). */
  LiveSubscriptions(Vertx vertx, String url, Clock clock, int chunkSize, Duration overlap, Duration lookback,
      Duration rateLimitCooldown, LiveTail tailRule, LiveBudget initialBudget, Owner owner,
      Duration overflowInterval, Duration unansweredBackoff) {
    this.vertx = vertx;
    this.url = url;
    this.clock = clock;
    this.chunkSize = chunkSize;
    this.overlap = overlap;
    this.lookback = lookback;
    this.tailRule = tailRule;
    this.reopening = new LiveReopening(vertx, rateLimitCooldown, unansweredBackoff, () -> layoutVersion);
    this.budget = initialBudget;
    this.owner = owner;
    this.overflow = new OverflowPoller(vertx, clock, lookback, overflowInterval, owner::fetchHistory);
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
    tail.clear();
    overflow.stop();
    fresh = Optional.empty();
    largestRequestBytes = 0;
    reopening.reset();
    layoutVersion++;
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
    ItemSet items = adding.minus(covered, tail.items());
    if (items.isEmpty()) {
      return;
    }
    if (tail.add(items, since, now())) {
      vertx.setTimer(Math.max(1, tailRule.maxAge().toMillis()), t -> owner.onChange());
    }
  }

  /** Items no longer synced from this relay: their filters leave the live subscriptions. */
  void retire(ItemSet items) {
    tail.forget(items);
    if (covered.minus(items).size() == covered.size()) {
      return;
    }
    covered = covered.minus(items);
    session().ifPresent(s -> consolidate(s, consolidationSince()));
  }

  /** Items whose history failed wait for the daily resync: no live subscription for them yet. */
  void forget(ItemSet items) {
    tail.forget(items);
  }

  /** Opens the tail's subscriptions when {@link LiveTail} says so. */
  void flush(boolean historyPending) {
    Optional<RelaySession> s = session();
    if (s.isEmpty() || !waiting()) {
      return;
    }
    List<List<Filter>> packs = tail.layout(chunkSize, maxLimit, budget).subscriptions();
    Duration age = tail.age(now());
    int opening = tailRule.packsToOpen(packs.size(), packs.isEmpty() ? 0 : packs.get(packs.size() - 1).size(),
        budget.filtersPerRequest(), historyPending, age);
    if (opening == 0) {
      return;
    }
    // the fresh subscription is laid out from items: carried filters go out as a pack instead
    if (opening == packs.size() && !tail.hasCarried() && topUpFresh(s.get())) {
      return;
    }
    if (Consolidation.onAdding(open.size(), opening, budget.liveSubscriptions()) == Consolidation.Step.OPEN) {
      packs.subList(0, opening).forEach(p -> openOne(s.get(), p, isCatchUp(tail.since())));
      covered = covered.union(tail.items());
      if (opening < packs.size()) {
        // the since and the age of what waits stay those of its first batch
        tail.carry(packs.get(packs.size() - 1));
      } else {
        tail.clear();
      }
    } else {
      consolidate(s.get(), Math.min(tail.since(), consolidationSince()));
    }
  }

  /**
   * Once history is done, new items trickle in a few at a time (new issues and patches, each
   * its own batch). Opening a subscription for each would fill the budget with tiny ones and
   * force consolidations, each re-serving the overlap. Instead one small "fresh" subscription
   * takes them: it is replaced by one holding its items and the tail's, while that stays a
   * single REQ of at most a quarter of the byte budget; past that it stays as it is and a new
   * fresh one starts. Replacing costs its small REQ and the lookback, once per batch.
   *
   * @return whether the tail went into the fresh subscription
   */
  private boolean topUpFresh(RelaySession s) {
    Optional<FreshPack> current = fresh.filter(p -> open.containsKey(p.listener().subscriptionId));
    ItemSet merged = current.map(p -> p.items().union(tail.items())).orElse(tail.items());
    // a fresh subscription still serving its stored events keeps its since; one that is live
    // only needs the lookback
    long since = current.map(p -> Math.min(tail.since(),
        p.listener().isLive() ? now().minus(lookback).getEpochSecond() : p.since())).orElse(tail.since());
    LiveLayout layout = LiveLayout.of(merged, chunkSize, since, maxLimit, budget, Integer.MAX_VALUE);
    if (layout.subscriptions().size() != 1
        || LivePacking.encodedSize(layout.subscriptions().get(0)) > budget.bytesPerRequest() / FRESH_SHARE) {
      fresh = Optional.empty();
      return false;
    }
    int adding = current.isPresent() ? 0 : 1;
    if (Consolidation.onAdding(open.size(), adding, budget.liveSubscriptions()) != Consolidation.Step.OPEN) {
      return false;
    }
    current.ifPresent(p -> {
      open.remove(p.listener().subscriptionId);
      s.closeSubscription(p.listener().subscriptionId);
    });
    LiveListener listener = openOne(s, layout.subscriptions().get(0), isCatchUp(since));
    fresh = Optional.of(new FreshPack(merged, since, listener));
    covered = covered.union(tail.items());
    tail.clear();
    return true;
  }

  /** The subscription new items are added to by replacing it; see {@link #topUpFresh}. */
  private record FreshPack(ItemSet items, long since, LiveListener listener) {}

  private boolean isCatchUp(long since) {
    return since < now().minus(lookback).getEpochSecond();
  }

  /**
   * Closes every live subscription and lays the covered items out again in the fewest. The
   * closed ones were live until this moment, so {@code since} only needs to cover events
   * stored late (the catch-up overlap), not history.
   */
  private void consolidate(RelaySession s, long since) {
    ItemSet all = covered.union(tail.items());
    consolidations++;
    layoutVersion++;
    log.info("{}: consolidating {} live subscriptions ({} items)", url, open.size(), all.size());
    List.copyOf(open.keySet()).forEach(s::closeSubscription);
    open.clear();
    fresh = Optional.empty();
    LiveLayout layout = LiveLayout.of(all, chunkSize, since, maxLimit, budget, budget.liveSubscriptions());
    layout.subscriptions().forEach(p -> openOne(s, p, isCatchUp(since)));
    covered = all;
    tail.clear();
    setOverflow(layout.overflow(), since);
  }

  private void setOverflow(List<Filter> filters, long since) {
    if (!filters.isEmpty()) {
      log.warn("{}: {} filters do not fit in {} live subscriptions of {} filters; they are polled every {} s",
          url, filters.size(), budget.liveSubscriptions(), budget.filtersPerRequest(),
          overflow.interval().toSeconds());
    }
    overflow.poll(filters, since);
  }

  private LiveListener openOne(RelaySession s, List<Filter> filters, boolean catchUp) {
    RequestShape shape = RequestShape.of(s.openSubscriptions(), filters);
    largestRequestBytes = Math.max(largestRequestBytes, shape.bytes());
    LiveListener listener = new LiveListener(this, filters, catchUp, shape);
    listener.subscriptionId = s.openLive(filters, listener);
    open.put(listener.subscriptionId, listener);
    return listener;
  }

  // ---- what the subscriptions report ---------------------------------------------------------

  Future<?> ingest(Event event, BatchPurpose purpose) {
    return owner.ingest(event, purpose);
  }

  /** EOSE: a filter the relay may have cut short ({@link LiveListener#filtersToPage}) gets its history paged. */
  void onLiveCaughtUp(LiveListener listener) {
    reopening.reset();
    List<Filter> cut = listener.filtersToPage(maxLimit, ASSUMED_CAP);
    if (!cut.isEmpty()) {
      log.info("{}: {} live filters may have been cut short before EOSE; paging their history", url, cut.size());
      owner.fetchHistory(cut.stream().map(Filter::withoutLimit).toList());
    }
  }

  void onLiveEnded(LiveListener listener, SubscriptionOutcome outcome) {
    if (open.remove(listener.subscriptionId) == null) {
      return;
    }
    log.info("{}: live subscription ended: {}", url, outcome);
    Runnable again = () -> session().ifPresent(s -> reopen(s, listener));
    if (outcome instanceof SubscriptionOutcome.RateLimited) {
      reopening.afterRateLimit(again);
    } else if (outcome instanceof SubscriptionOutcome.TimedOut) {
      if (!reopening.afterUnanswered(again)) {
        owner.onLiveLost("live subscription never answered (" + listener.filters().size() + " filters)");
      }
    } else if (outcome instanceof SubscriptionOutcome.Refused) {
      // the owner lowers the budget when the refusal was about capacity, and consolidation
      // brings the lost filters back; any other refusal leaves them to the next daily resync
      owner.onLiveRefused(outcome, listener.shape());
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

  /**
   * A refusal lost a subscription's filters, or a bound the open REQs may pass changed (their
   * size): lay everything out again under {@code b}.
   */
  void relayout(LiveBudget b) {
    budget = b;
    session().ifPresent(s -> consolidate(s, consolidationSince()));
  }

  // ---- status -------------------------------------------------------------------------------

  /** The largest live REQ sent on this connection: a NOTICE saying "too large" is about it. */
  int largestRequestBytes() {
    return largestRequestBytes;
  }

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
