package dev.graspsync.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.event.CanonicalJson;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.message.ClientMessage;
import dev.graspsync.nostr.message.RelayMessage;
import dev.graspsync.sync.batch.BatchPurpose;
import dev.graspsync.sync.fixtures.TestEvents;
import dev.graspsync.sync.plan.FilterPlan;
import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.plan.LabelledFilter;
import dev.graspsync.sync.plan.LiveBudget;
import dev.graspsync.sync.plan.LivePacking;
import dev.graspsync.sync.plan.LiveTail;
import dev.graspsync.sync.session.OnLoop;
import dev.graspsync.sync.session.RelaySession;
import dev.graspsync.sync.session.SessionConfig;
import dev.graspsync.sync.session.SessionTestBase;
import dev.graspsync.sync.session.SubscriptionOutcome;
import dev.graspsync.sync.session.TestRelay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * One relay's live subscriptions against a loopback relay, judged by what the relay is sent:
 * how items share REQs, when the budget forces a consolidation, what overflows into polling,
 * what a catch-up cut short pages, and how REQs the relay rate-limits or never answers return.
 */
class LiveSubscriptionsTest extends SessionTestBase {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Duration LOOKBACK = Duration.ofSeconds(60);
  private static final Duration OVERLAP = Duration.ofMinutes(15);
  /** The since of items whose history was sent at {@link #NOW}. */
  private static final long LIVE_SINCE = NOW.minus(LOOKBACK).getEpochSecond();
  /** Room for every test's filters in one REQ, none close to a byte bound. */
  private static final LiveBudget ROOMY = new LiveBudget(40, 4, 20, 100_000);
  private static final TestRelay.Script ANSWERS_EOSE = TestRelay.storedEvents(List.of(), 500);


  private final ManualClock clock = new ManualClock(NOW);
  private final RecordingLiveOwner owner = new RecordingLiveOwner();

  // what a test may change before start()
  private int chunkSize = 100;
  private OptionalInt maxLimit = OptionalInt.empty();
  private Duration rateLimitCooldown = Duration.ofSeconds(65);
  private Duration overflowInterval = OverflowPoller.INTERVAL;
  private Duration unansweredBackoff = LiveReopening.UNANSWERED_BACKOFF;
  private SessionConfig sessionConfig = SessionConfig.defaults().withLiveLookback(LOOKBACK);

  private TestRelay relay;
  private LiveSubscriptions live;

  /** A batch's history was sent: its items join the tail, which may open. */
  private void historySent(ItemSet items, boolean historyPending) {
    loop.run(() -> {
      live.afterHistorySent(items);
      live.flush(historyPending);
    });
  }

  // ---- scenarios ----------------------------------------------------------------------------

  @Test
  void itemsSentWhileHistoryRunsShareFullRequestsAndTheRemainderOpensOnceHistoryIsDone() {
    chunkSize = 1; // every root event gets its own three filters
    LiveBudget budget = new LiveBudget(40, 4, 8, 100_000);
    start(ANSWERS_EOSE, budget);
    ItemSet all = roots(1, 11);

    for (int batch = 1; batch <= 10; batch++) {
      ItemSet items = roots(batch, batch + 1);
      historySent(items, true);
    }
    settle();

    int filters = planned(all).size();
    List<ClientMessage.Req> whilePending = relay.reqs();
    assertThat(whilePending).isNotEmpty().allSatisfy(r -> assertThat(r.filters()).hasSize(8));
    assertThat(whilePending.size()).isLessThanOrEqualTo(filters / 8);
    assertThat(loop.call(live::waiting)).isTrue();

    loop.run(() -> live.flush(false));
    settle();

    List<ClientMessage.Req> reqs = relay.reqs();
    assertThat(reqs.size()).isGreaterThan(whilePending.size()).isLessThanOrEqualTo(ceilDiv(filters, 8));
    assertThat(reqs.stream().mapToInt(r -> r.filters().size()).sum()).isEqualTo(filters);
    assertThat(carried(reqs)).isEqualTo(planned(all));
    assertThat(sinces(reqs)).containsOnly(LIVE_SINCE);
    assertThat(closes()).isEmpty();
    assertThat(loop.call(live::waiting)).isFalse();
  }

  @Test
  void aRemainderKeptBackWhileHistoryRunsStillOpensOnceItsFirstBatchIsThirtySecondsOld() {
    chunkSize = 1;
    start(ANSWERS_EOSE, new LiveBudget(40, 4, 8, 100_000));
    for (int batch = 1; batch <= 3; batch++) {
      ItemSet items = roots(batch, batch + 1);
      historySent(items, true);
    }
    settle();
    assertThat(relay.reqs()).singleElement().satisfies(r -> assertThat(r.filters()).hasSize(8));
    assertThat(loop.call(live::waiting)).isTrue();

    clock.advance(LiveTail.DEFAULT.maxAge());
    loop.run(() -> live.flush(true));
    settle();

    List<ClientMessage.Req> reqs = relay.reqs();
    assertThat(reqs).hasSize(2);
    assertThat(carried(reqs)).isEqualTo(planned(roots(1, 4)));
    assertThat(sinces(reqs)).containsOnly(LIVE_SINCE);
    assertThat(loop.call(live::waiting)).isFalse();
  }

  @Test
  void aPartlyFilledTailWaitsWhileHistoryRunsThenOpensAfterThirtySecondsFromItsFirstBatch() {
    start(ANSWERS_EOSE, ROOMY);
    loop.run(() -> {
      live.afterHistorySent(roots(1, 2));
      live.flush(true);
    });
    clock.advance(Duration.ofSeconds(29));
    loop.run(() -> {
      live.afterHistorySent(roots(2, 3));
      live.flush(true);
    });
    assertThat(loop.call(live::openCount)).isZero();
    assertThat(loop.call(live::waiting)).isTrue();

    clock.advance(Duration.ofSeconds(1));
    loop.run(() -> live.flush(true));
    settle();

    List<ClientMessage.Req> reqs = relay.reqs();
    assertThat(reqs).hasSize(1);
    assertThat(carried(reqs)).isEqualTo(planned(roots(1, 3)));
    // waiting delayed live coverage but lost nothing: since reaches back to the first batch
    assertThat(sinces(reqs)).containsOnly(LIVE_SINCE);
  }

  @Test
  void passingTheLiveBudgetClosesEverySubscriptionAndReopensAllItemsWithinIt() {
    // three live subscriptions; a root event's three filters fill a REQ and are too big for
    // the fresh subscription (a quarter of the bytes), so each addition opens one of its own
    LiveBudget budget = new LiveBudget(4, 1, 3, 1_000);
    start(ANSWERS_EOSE, budget);
    for (int i = 1; i <= 3; i++) {
      ItemSet items = roots(i, i + 1);
      historySent(items, false);
    }
    settle();
    List<String> before = reqIds();
    assertThat(before).hasSize(3);
    assertThat(closes()).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    loop.run(() -> {
      live.afterHistorySent(roots(4, 5));
      live.flush(false);
    });
    settle();

    assertThat(closes()).containsExactlyInAnyOrderElementsOf(before);
    List<ClientMessage> received = relay.received();
    int lastClose = lastIndexOf(received, ClientMessage.Close.class);
    List<ClientMessage.Req> after = relay.reqs().subList(before.size(), relay.reqs().size());
    assertThat(received.subList(lastClose + 1, received.size())).hasSameSizeAs(after);
    assertThat(after).isNotEmpty().hasSizeLessThanOrEqualTo(budget.liveSubscriptions());
    assertThat(carried(after)).isEqualTo(planned(roots(1, 5)));
    // the closed ones were live until now: only the overlap is asked again
    assertThat(sinces(after)).containsOnly(NOW.plus(Duration.ofMinutes(1)).minus(OVERLAP).getEpochSecond());
    assertThat(loop.call(live::consolidations)).isEqualTo(1);
    assertThat(loop.call(live::openCount)).isEqualTo(after.size());
    assertThat(loop.call(live::overflowFilters)).isZero();
  }

  @Test
  void retiredItemsLeaveTheLiveSubscriptions() {
    LiveBudget budget = new LiveBudget(4, 1, 3, 1_000);
    start(ANSWERS_EOSE, budget);
    for (int i = 1; i <= 3; i++) {
      historySent(roots(i, i + 1), false);
    }
    settle();
    List<String> before = reqIds();

    loop.run(() -> live.retire(roots(2, 3)));
    settle();

    assertThat(closes()).containsExactlyInAnyOrderElementsOf(before);
    List<ClientMessage.Req> after = relay.reqs().subList(before.size(), relay.reqs().size());
    assertThat(carried(after)).isEqualTo(planned(roots(1, 2).union(roots(3, 4))));
    assertThat(loop.call(live::consolidations)).isEqualTo(1);
    loop.run(() -> live.retire(roots(7, 8)));
    assertThat(loop.call(live::consolidations)).as("nothing to retire: nothing laid out again").isEqualTo(1);
  }

  @Test
  void whatDoesNotFitEvenAfterConsolidationIsPolledAsHistoryEveryInterval() {
    chunkSize = 1;
    overflowInterval = Duration.ofMillis(100);
    LiveBudget budget = new LiveBudget(2, 1, 3, 1_000); // one live REQ of three filters
    start(ANSWERS_EOSE, budget);
    loop.run(() -> {
      live.afterHistorySent(roots(1, 2));
      live.flush(false);
    });
    settle();
    loop.run(() -> {
      live.afterHistorySent(roots(2, 3));
      live.flush(false);
    });
    settle();

    assertThat(loop.call(live::openCount)).isEqualTo(1);
    assertThat(loop.call(live::overflowFilters)).isEqualTo(3);
    List<ClientMessage.Req> reqs = relay.reqs();
    assertThat(reqs).hasSize(2);
    assertThat(closes()).containsExactly(reqs.get(0).subscriptionId());
    assertThat(carried(reqs.subList(1, 2))).isEqualTo(planned(roots(1, 2)));

    OnLoop.poll("a second overflow poll", () -> owner.fetches.size() >= 2);
    List<Filter> first = owner.fetches.get(0);
    assertThat(first.stream().map(LiveSubscriptionsTest::bare).collect(Collectors.toSet()))
        .isEqualTo(planned(roots(2, 3)));
    assertThat(first).allSatisfy(f -> {
      assertThat(f.since()).hasValue(NOW.minus(OVERLAP).getEpochSecond());
      assertThat(f.limit()).isEmpty();
    });
    // the next poll asks for what came since the previous one, less the lookback
    List<Filter> second = owner.fetches.get(1);
    assertThat(second.stream().map(LiveSubscriptionsTest::bare).collect(Collectors.toSet()))
        .isEqualTo(planned(roots(2, 3)));
    assertThat(second).allSatisfy(f -> assertThat(f.since()).hasValue(LIVE_SINCE));
  }

  @Test
  void aCatchUpOpensFromItsSinceAndPagesOnlyTheFilterTheRelayCutShortAtItsCap() {
    int cap = 5;
    maxLimit = OptionalInt.of(cap);
    long since = NOW.minus(Duration.ofHours(2)).getEpochSecond();
    List<Event> stored = taggedFrom("e", root(1), since + 10, cap + 2);
    for (int i = 0; i < 2; i++) {
      stored.add(tagged("E", root(2), since + 20 + i));
    }
    start(TestRelay.storedEvents(stored, cap), ROOMY);

    loop.run(() -> {
      live.catchUp(roots(1, 3), since);
      live.flush(false);
    });
    OnLoop.poll("the capped filter's history to be asked for", () -> !owner.fetches.isEmpty());

    List<ClientMessage.Req> reqs = relay.reqs();
    assertThat(reqs).hasSize(1);
    assertThat(carried(reqs)).isEqualTo(planned(roots(1, 3)));
    assertThat(reqs.get(0).filters()).allSatisfy(f -> {
      assertThat(f.since()).hasValue(since);
      assertThat(f.limit()).hasValue(cap);
    });
    Filter capped = FilterPlan.roots(List.of(root(1), root(2)), chunkSize).get(0).filter(); // #e
    assertThat(owner.fetches).containsExactly(List.of(capped.withSince(since)));
    // what the catch-up REQ served before EOSE filled the gap
    assertThat(owner.ingested).hasSize(cap + 2).containsOnly(BatchPurpose.CATCH_UP);
    assertThat(loop.call(live::openCount)).isEqualTo(1);
  }

  /** Issue 17: a relay capping a whole REQ at max_limit may fill it with one filter and starve the others. */
  @Test
  void aCatchUpARelayCutAsAWholeAtItsCapPagesEveryFilter() {
    int cap = 5;
    maxLimit = OptionalInt.of(cap);
    long since = NOW.minus(Duration.ofHours(2)).getEpochSecond();
    List<Event> stored = taggedFrom("e", root(1), since + 10, cap + 2);
    stored.add(tagged("E", root(2), since + 20));
    // filter by filter, then cut at the cap: the #e filter's events fill it, #E gets nothing
    start((connection, message) -> {
      if (message instanceof ClientMessage.Req req) {
        List<Event> all = TestRelay.query(stored, req.filters(), Integer.MAX_VALUE);
        all.subList(0, Math.min(cap, all.size())).forEach(e -> connection.send(new RelayMessage.EventMessage(req.subscriptionId(), e)));
        connection.send(new RelayMessage.Eose(req.subscriptionId()));
      }
    }, ROOMY);

    loop.run(() -> {
      live.catchUp(roots(1, 3), since);
      live.flush(false);
    });
    OnLoop.poll("the cut REQ's history to be asked for", () -> !owner.fetches.isEmpty());

    assertThat(owner.fetches).hasSize(1);
    assertThat(owner.fetches.get(0))
        .containsExactlyInAnyOrderElementsOf(planned(roots(1, 3)).stream().map(f -> f.withSince(since)).toList());
  }

  /** Issue 17: a relay capping silently below the assumed cap still has the catch-up's gap paged. */
  @Test
  void aCatchUpFromARelayWithNoAnnouncedCapPagesWhatCame() {
    long since = NOW.minus(Duration.ofHours(2)).getEpochSecond();
    start(TestRelay.storedEvents(taggedFrom("e", root(1), since + 10, 8), 3), ROOMY);

    loop.run(() -> {
      live.catchUp(roots(1, 2), since);
      live.flush(false);
    });
    OnLoop.poll("the catch-up's history to be asked for", () -> !owner.fetches.isEmpty());

    Filter byE = FilterPlan.roots(List.of(root(1)), chunkSize).get(0).filter();
    assertThat(owner.fetches.get(0)).contains(byE.withSince(since));
    assertThat(owner.ingested).hasSize(3);
  }

  @Test
  void itemsTrickledInAfterHistoryKeepOneFreshSubscriptionReplacedWithEachAddition() {
    start(ANSWERS_EOSE, ROOMY);
    for (int i = 1; i <= 3; i++) {
      ItemSet items = roots(i, i + 1);
      historySent(items, false);
      settle();
    }

    List<ClientMessage> received = relay.received();
    assertThat(received).extracting(m -> m.getClass().getSimpleName())
        .containsExactly("Req", "Close", "Req", "Close", "Req");
    List<ClientMessage.Req> reqs = relay.reqs();
    assertThat(((ClientMessage.Close) received.get(1)).subscriptionId()).isEqualTo(reqs.get(0).subscriptionId());
    assertThat(((ClientMessage.Close) received.get(3)).subscriptionId()).isEqualTo(reqs.get(1).subscriptionId());
    ClientMessage.Req last = reqs.get(2);
    assertThat(carried(List.of(last))).isEqualTo(planned(roots(1, 4)));
    assertThat(sinces(List.of(last))).containsOnly(LIVE_SINCE);
    assertThat(loop.call(live::openIds)).containsExactly(last.subscriptionId());
  }

  @Test
  void aLiveSubscriptionTheRelayRateLimitsIsReopenedAfterTheCooldown() {
    rateLimitCooldown = Duration.ofMillis(300);
    List<Long> reqArrivals = new CopyOnWriteArrayList<>();
    TestRelay.Script limitsTheFirst = (c, m) -> {
      if (m instanceof ClientMessage.Req req) {
        reqArrivals.add(System.nanoTime());
        c.send(reqArrivals.size() == 1
            ? new RelayMessage.Closed(req.subscriptionId(), "rate-limited: slow down")
            : new RelayMessage.Eose(req.subscriptionId()));
      }
    };
    start(limitsTheFirst, ROOMY);
    loop.run(() -> {
      live.afterHistorySent(roots(1, 2));
      live.flush(false);
    });

    OnLoop.poll("the REQ sent again", () -> relay.reqs().size() >= 2);
    loop.until("the subscription open again", () -> live.openCount() == 1);
    List<ClientMessage.Req> reqs = relay.reqs();
    assertThat(reqs).hasSize(2);
    assertThat(reqs.get(1).filters()).isEqualTo(reqs.get(0).filters());
    assertThat(Duration.ofNanos(reqArrivals.get(1) - reqArrivals.get(0))).isGreaterThanOrEqualTo(rateLimitCooldown);
    assertThat(closes()).isEmpty();
    assertThat(owner.refusals).isEmpty();
    assertThat(owner.lost).isEmpty();
  }

  @Test
  void aLiveRequestNeverAnsweredIsAskedAgainWithBackoffAFewTimesThenReportedLost() {
    sessionConfig = sessionConfig.withEoseTimeout(Duration.ofMillis(150));
    unansweredBackoff = Duration.ofMillis(20);
    start((c, m) -> {}, ROOMY);
    loop.run(() -> {
      live.afterHistorySent(roots(1, 2));
      live.flush(false);
    });

    OnLoop.poll("live coverage reported lost", () -> !owner.lost.isEmpty());
    OnLoop.poll("every REQ at the relay", () -> relay.reqs().size() >= 1 + LiveReopening.MAX_UNANSWERED);
    List<ClientMessage.Req> reqs = relay.reqs();
    assertThat(reqs).hasSize(1 + LiveReopening.MAX_UNANSWERED)
        .allSatisfy(r -> assertThat(r.filters()).isEqualTo(reqs.get(0).filters()));
    assertThat(owner.lost).singleElement().asString().contains("never answered");
    assertThat(loop.call(live::openCount)).isZero();
  }

  @Test
  void aRefusedLiveSubscriptionIsReportedWithTheShapeItWasSentWith() {
    TestRelay.Script refuses = (c, m) -> {
      if (m instanceof ClientMessage.Req req) {
        c.send(new RelayMessage.Closed(req.subscriptionId(), "error: too many filters"));
      }
    };
    start(refuses, ROOMY);
    loop.run(() -> {
      live.afterHistorySent(roots(1, 2));
      live.flush(false);
    });

    OnLoop.poll("the refusal reported", () -> !owner.refusals.isEmpty());
    List<Filter> sent = relay.reqs().get(0).filters();
    // the shape at sending is what tells the owner which of the relay's limits was passed
    assertThat(owner.refusals).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isInstanceOf(SubscriptionOutcome.Refused.class);
      assertThat(r.shape()).isEqualTo(new RequestShape(0, sent.size(), LivePacking.encodedSize(sent)));
    });
    assertThat(loop.call(live::openCount)).isZero();
    assertThat(relay.reqs()).hasSize(1);
  }

  // ---- rig ------------------------------------------------------------------------------------

  private void start(TestRelay.Script script, LiveBudget budget) {
    TestRelay r = TestRelay.start(vertx, script);
    relay = r;
    toClose.add(0, r);
    RelaySession session =
        loop.call(() -> RelaySession.builder(vertx, r.url()).config(sessionConfig).clock(clock).build());
    loop.await(() -> session.connect(Duration.ofSeconds(5)));
    toClose.add(0, () -> loop.await(session::close));
    LiveSubscriptions l = loop.call(() -> new LiveSubscriptions(vertx, r.url(), clock, chunkSize, OVERLAP, LOOKBACK,
        rateLimitCooldown, LiveTail.DEFAULT, budget, owner, overflowInterval, unansweredBackoff));
    loop.run(() -> l.attach(session, budget, maxLimit));
    live = l;
    toClose.add(0, () -> loop.run(l::detach));
  }

  /**
   * Waits until the relay has every REQ the live subscriptions hold open. The socket keeps
   * order and every action ends with its REQs, so the relay then has all that was sent.
   */
  private void settle() {
    List<String> open = loop.call(live::openIds);
    OnLoop.poll("the relay to receive " + open, () -> reqIds().containsAll(open));
  }

  private List<String> reqIds() {
    return relay.reqs().stream().map(ClientMessage.Req::subscriptionId).toList();
  }

  private List<String> closes() {
    return relay.received().stream()
        .filter(ClientMessage.Close.class::isInstance)
        .map(m -> ((ClientMessage.Close) m).subscriptionId())
        .toList();
  }

  private static int lastIndexOf(List<ClientMessage> messages, Class<?> type) {
    int last = -1;
    for (int i = 0; i < messages.size(); i++) {
      if (type.isInstance(messages.get(i))) {
        last = i;
      }
    }
    return last;
  }

  /** A kind-1 event with one tag, as the relay would send it (the session checks no signature). */
  /** {@code count} events tagged {@code tag value}, one a second from {@code from}. */
  private static List<Event> taggedFrom(String tag, String value, long from, int count) {
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(tagged(tag, value, from + i));
    }
    return out;
  }

  private static Event tagged(String tag, String value, long createdAt) {
    List<List<String>> tags = List.of(List.of(tag, value));
    String pubkey = TestEvents.pubkey(1);
    String id = CanonicalJson.computeId(pubkey, createdAt, 1, tags, "");
    return Event.fromJson(CanonicalJson.writeEvent(id, pubkey, createdAt, 1, tags, "", "0".repeat(128)));
  }

  private static String root(int n) {
    return TestEvents.hex64(n);
  }

  /** Root events {@code from} (inclusive) to {@code to} (exclusive). */
  private static ItemSet roots(int from, int to) {
    return ItemSet.of(false, List.of(), IntStream.range(from, to).mapToObj(LiveSubscriptionsTest::root).toList());
  }

  /** The filters that cover {@code items}, without since or limit. */
  private Set<Filter> planned(ItemSet items) {
    return FilterPlan.forItems(items, chunkSize).stream().map(LabelledFilter::filter).collect(Collectors.toSet());
  }

  /** Every filter the REQs carry, without since or limit. */
  private static Set<Filter> carried(Collection<ClientMessage.Req> reqs) {
    return reqs.stream().flatMap(r -> r.filters().stream()).map(LiveSubscriptionsTest::bare)
        .collect(Collectors.toSet());
  }

  private static Set<Long> sinces(Collection<ClientMessage.Req> reqs) {
    return reqs.stream().flatMap(r -> r.filters().stream())
        .map(f -> f.since().orElse(-1)).collect(Collectors.toSet());
  }

  private static Filter bare(Filter f) {
    return new Filter(f.ids(), f.authors(), f.kinds(), f.tags(), OptionalLong.empty(), f.until(), OptionalInt.empty());
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
