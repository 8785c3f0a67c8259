package dev.graspsync.sync.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Sessions on different event loops sharing one host-wide budget of events in flight. */
class RelaySessionBudgetTest extends SessionTestBase {
  private static final List<Filter> KIND_1 = List.of(Filter.builder().kinds(1).since(0).build());

  /** Events handed to the host by every session together and not settled yet. */
  private final AtomicInteger together = new AtomicInteger();
  private final AtomicInteger mostTogether = new AtomicInteger();

  /** A slow host ingest on one session's loop, counting what all sinks hold together. */
  private final class SlowSink {
    final ArrayDeque<Promise<Void>> pending = new ArrayDeque<>();

    Future<?> accept(Event event) {
      Promise<Void> p = Promise.promise();
      pending.add(p);
      mostTogether.accumulateAndGet(together.incrementAndGet(), Math::max);
      return p.future();
    }

    void tick(int perTick) {
      for (int i = 0; i < perTick && !pending.isEmpty(); i++) {
        // counted down before the session hears of it, so a freed permit is never counted twice
        together.decrementAndGet();
        pending.poll().complete();
      }
    }
  }

  private RelaySession connect(OnLoop on, TestRelay relay, InFlightBudget budget) {
    RelaySession session = on.call(() -> RelaySession.builder(vertx, relay.url()).budget(budget).build());
    on.await(() -> session.connect(Duration.ofSeconds(5)));
    toClose.add(() -> on.await(session::close));
    return session;
  }

  @Test
  void twoSessionsSharingABudgetNeverHaveMoreInFlightTogetherThanIt() {
    int flood = 4_000;
    InFlightBudget budget = InFlightBudget.of(64);
    OnLoop otherLoop = new OnLoop(vertx);
    List<OnLoop> loops = List.of(loop, otherLoop);
    List<RelaySession> sessions = List.of(
        connect(loop, relay(TestRelay.flood(flood)), budget),
        connect(otherLoop, relay(TestRelay.flood(flood)), budget));
    List<SlowSink> sinks = List.of(new SlowSink(), new SlowSink());
    List<RecordingSubscriber> subs = List.of(
        new RecordingSubscriber(sinks.get(0)::accept), new RecordingSubscriber(sinks.get(1)::accept));

    for (int i = 0; i < 2; i++) {
      OnLoop on = loops.get(i);
      SlowSink sink = sinks.get(i);
      long ticker = on.call(() -> vertx.setPeriodic(2, t -> sink.tick(10)));
      toClose.add(0, () -> on.run(() -> vertx.cancelTimer(ticker)));
      RelaySession session = sessions.get(i);
      RecordingSubscriber sub = subs.get(i);
      on.call(() -> session.openLive(KIND_1, sub));
    }
    for (int i = 0; i < 2; i++) {
      RecordingSubscriber sub = subs.get(i);
      SlowSink sink = sinks.get(i);
      loops.get(i).until("session " + i + " got and settled every event",
          () -> sub.events.size() == flood && sink.pending.isEmpty());
      loops.get(i).until("EOSE after the flood on session " + i, sub.live::isDone);
    }

    assertThat(mostTogether.get()).as("events in flight on both sessions at once").isLessThanOrEqualTo(64);
    assertThat(mostTogether.get()).as("each session alone may have 256; together they reached the budget")
        .isEqualTo(64);
    for (int i = 0; i < 2; i++) {
      RelaySession session = sessions.get(i);
      OnLoop on = loops.get(i);
      assertThat(new HashSet<>(subs.get(i).ids())).hasSize(flood);
      assertThat(on.call(session::maxInFlightSeen)).isLessThanOrEqualTo(64);
      assertThat(on.call(session::counters).pauses()).isGreaterThan(0);
      assertThat(on.call(session::readingPaused)).isFalse();
    }
    assertThat(budget.inFlight()).isZero();
    assertThat(budget.waiting()).isZero();
  }

  /** A host that holds every event until it is opened, then settles what it holds and what comes. */
  private static final class StuckSink {
    final List<Promise<Void>> held = new CopyOnWriteArrayList<>();
    private volatile boolean open;

    Future<?> accept(Event event) {
      if (open) {
        return Future.succeededFuture();
      }
      Promise<Void> p = Promise.promise();
      held.add(p);
      return p.future();
    }

    /** Call on the session's loop. */
    void open() {
      open = true;
      held.forEach(Promise::complete);
    }
  }

  /**
   * The relay sends just what fills the budget, so the session is not paused and sees the drop
   * at once (a paused WebSocket reads the close only after the data ahead of it).
   */
  @Test
  void aDroppedConnectionGivesBackTheEventsItHadInFlight() {
    InFlightBudget budget = InFlightBudget.of(16);
    List<TestRelay.Connection> dropping = new CopyOnWriteArrayList<>();
    TestRelay.Script flood = TestRelay.flood(16);
    RelaySession stuck = connect(loop, relay((c, m) -> {
      dropping.add(c);
      flood.onMessage(c, m);
    }), budget);
    StuckSink host = new StuckSink();
    RecordingSubscriber stuckSub = new RecordingSubscriber(host::accept);
    loop.call(() -> stuck.openLive(KIND_1, stuckSub));
    loop.until("the stuck session spent the budget", () -> budget.inFlight() == 16 && stuckSub.live.isDone());

    OnLoop otherLoop = new OnLoop(vertx);
    RelaySession waiting = connect(otherLoop, relay(TestRelay.flood(50)), budget);
    RecordingSubscriber waitingSub = new RecordingSubscriber();
    otherLoop.call(() -> waiting.openLive(KIND_1, waitingSub));
    otherLoop.until("the other session waits for the budget", waiting::readingPaused);
    assertThat(waitingSub.events).isEmpty();

    dropping.get(0).ws.close();

    otherLoop.until("the other session got every event", () -> waitingSub.events.size() == 50 && waitingSub.live.isDone());
    otherLoop.until("every permit came back", () -> budget.inFlight() == 0);
    assertThat(budget.waiting()).isZero();
    // the host finishes the dropped connection's events at last
    assertEndToldOnceTheHostSettles(stuckSub, host, budget, SubscriptionOutcome.Disconnected.class);
    assertThat(host.held).hasSize(16);
    assertThat(loop.call(stuck::inFlight)).isZero();
  }

  @Test
  void anEventHeldForTheBudgetIsNeverHandedOverAfterItsSubscriptionIsCancelled() {
    InFlightBudget budget = InFlightBudget.of(16);
    RelaySession stuck = connect(loop, relay(TestRelay.flood(100)), budget);
    StuckSink host = new StuckSink();
    RecordingSubscriber stuckSub = new RecordingSubscriber(host::accept);
    loop.call(() -> stuck.openLive(KIND_1, stuckSub));
    loop.until("the budget is spent", () -> budget.inFlight() == 16);

    OnLoop otherLoop = new OnLoop(vertx);
    RelaySession waiting = connect(otherLoop, relay(TestRelay.flood(50)), budget);
    RecordingSubscriber cancelled = new RecordingSubscriber();
    String id = otherLoop.call(() -> waiting.openLive(KIND_1, cancelled));
    otherLoop.until("an event is held for the budget", waiting::readingPaused);
    otherLoop.call(() -> waiting.closeSubscription(id));
    assertThat(cancelled.awaitOutcome()).isInstanceOf(SubscriptionOutcome.Cancelled.class);

    loop.run(host::open);

    otherLoop.until("reading resumed", () -> !waiting.readingPaused());
    loop.until("the stuck session got the rest of its flood", () -> stuckSub.events.size() == 100 && stuckSub.live.isDone());
    loop.until("every permit came back", () -> budget.inFlight() == 0);
    assertThat(cancelled.events).isEmpty();
    assertThat(cancelled.outcomes).hasValue(1);
    assertThat(budget.waiting()).isZero();
  }

  @Test
  void closingAPausedSessionGivesBackItsPermitsAndDoesNotWaitForTheHost() {
    InFlightBudget budget = InFlightBudget.of(16);
    RelaySession stuck = connect(loop, relay(TestRelay.flood(1_000)), budget);
    StuckSink host = new StuckSink();
    RecordingSubscriber sub = new RecordingSubscriber(host::accept);
    loop.call(() -> stuck.openHistory(KIND_1, sub));
    loop.until("paused with the budget spent", () -> stuck.readingPaused() && budget.inFlight() == 16);

    List<Future<Void>> closed = new CopyOnWriteArrayList<>();
    int inFlightOnClose = loop.call(() -> {
      closed.add(stuck.close());
      return budget.inFlight();
    });

    assertThat(inFlightOnClose).as("given back when we ask to close, not when the socket is gone").isZero();
    // a paused socket reads on to the relay's close answer (else Vert.x gives up after 10 s)
    OnLoop.await(closed.get(0));
    assertThat(budget.inFlight()).isZero();
    assertThat(budget.waiting()).isZero();
    assertEndToldOnceTheHostSettles(sub, host, budget, SubscriptionOutcome.Cancelled.class);
    assertThat(sub.events).hasSize(16);
  }

  /**
   * The subscription on the stuck session hears how it ended only once the host settles the
   * events it held; settling them then gives nothing back to the budget twice.
   */
  private void assertEndToldOnceTheHostSettles(
      RecordingSubscriber sub, StuckSink host, InFlightBudget budget, Class<? extends SubscriptionOutcome> end) {
    assertThat(sub.outcome).as("told once the host is done with its events").isNotDone();
    loop.run(host::open);
    assertThat(sub.awaitOutcome()).isInstanceOf(end);
    assertThat(budget.inFlight()).isZero();
  }
}
