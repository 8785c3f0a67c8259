package dev.graspsync.sync.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.message.ClientMessage;
import dev.graspsync.nostr.message.RelayMessage;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** History, paging, the filter check and live subscriptions against a loopback relay. */
class RelaySessionHistoryTest extends SessionTestBase {

  private RelaySession connected(TestRelay relay, SessionConfig config) {
    RelaySession session = loop.call(() -> RelaySession.builder(vertx, relay.url()).config(config).build());
    loop.await(() -> session.connect(Duration.ofSeconds(5)));
    toClose.add(() -> loop.await(session::close));
    return session;
  }

  private static Filter kinds(int... kinds) {
    return Filter.builder().kinds(kinds).build();
  }

  /** {@code n} kind-1 events, three to a second, newest at {@code newest}. */
  private static List<Event> history(int n, long newest) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(TestEvents.event(1, newest - i / 3));
    }
    return events;
  }

  @Test
  void historyEndsAtEoseWithEveryStoredMatchDeliveredOnce() {
    List<Event> stored = new ArrayList<>(history(30, 1_700_000_000L));
    for (int i = 0; i < 5; i++) {
      stored.add(TestEvents.event(7, 1_700_000_000L));
    }
    TestRelay relay = relay(TestRelay.storedEvents(stored, 1000));
    RelaySession session = connected(relay, SessionConfig.defaults());
    RecordingSubscriber sub = new RecordingSubscriber();

    String id = loop.call(() -> session.openHistory(List.of(kinds(1)), sub));
    SubscriptionOutcome outcome = sub.awaitOutcome();

    assertThat(outcome).isInstanceOf(SubscriptionOutcome.HistoryComplete.class);
    assertThat(sub.ids()).hasSize(30).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(stored.subList(0, 30).stream().map(Event::id).toList());
    assertThat(relay.reqs().get(0).subscriptionId()).isEqualTo(id);
    assertThat(id.length()).isLessThanOrEqualTo(64);
    // the relay announced no cap, so one more page checks that nothing older was held back
    assertThat(((SubscriptionOutcome.HistoryComplete) outcome).pages()).isEqualTo(2);
    loop.until("CLOSE sent for every page", () -> relay.received().stream()
        .filter(m -> m instanceof ClientMessage.Close).count() == 2);
    assertThat(loop.call(session::openSubscriptions)).isZero();
    assertThat(sub.outcomes.get()).isEqualTo(1);
  }

  @Test
  void pagesThroughARelayCappedAt100WithoutBeingToldTheCap() {
    List<Event> stored = history(1000, 1_700_000_000L);
    TestRelay relay = relay(TestRelay.storedEvents(stored, 100));
    RelaySession session = connected(relay, SessionConfig.defaults());
    RecordingSubscriber sub = new RecordingSubscriber();

    loop.call(() -> session.openHistory(List.of(kinds(1)), sub));
    SubscriptionOutcome outcome = sub.awaitOutcome();

    assertThat(outcome).isInstanceOf(SubscriptionOutcome.HistoryComplete.class);
    assertThat(sub.ids()).hasSize(1000).doesNotHaveDuplicates();
    assertThat(new HashSet<>(sub.ids())).isEqualTo(new HashSet<>(stored.stream().map(Event::id).toList()));
    List<ClientMessage.Req> reqs = relay.reqs();
    assertThat(reqs.size()).isBetween(11, 13);
    // inclusive until: each page starts at the oldest second of the one before
    for (int i = 1; i < reqs.size(); i++) {
      assertThat(reqs.get(i).filters().get(0).until()).isPresent();
    }
    SubscriptionStats stats = outcome.stats();
    assertThat(stats.received()).isEqualTo(stats.delivered() + stats.duplicates() + stats.unmatched());
    assertThat(stats.delivered()).isEqualTo(1000);
  }

  @Test
  void pagesWithTheNip11MaxLimitAndCountsEveryEventWhateverTheHostSays() {
    List<Event> stored = history(1000, 1_700_000_000L);
    TestRelay relay = relay(TestRelay.storedEvents(stored, 100));
    RelaySession session = connected(relay, SessionConfig.defaults());
    // the host rejects everything: paging must not care
    RecordingSubscriber sub = new RecordingSubscriber(e -> Future.failedFuture("rejected"));

    loop.run(() -> session.maxLimit(OptionalInt.of(100)));
    loop.call(() -> session.openHistory(List.of(kinds(1)), sub));
    SubscriptionOutcome outcome = sub.awaitOutcome();

    assertThat(outcome).isInstanceOf(SubscriptionOutcome.HistoryComplete.class);
    assertThat(sub.ids()).hasSize(1000).doesNotHaveDuplicates();
    // page size clamped to max_limit
    assertThat(relay.reqs().get(0).filters().get(0).limit()).hasValue(100);
    assertThat(loop.call(session::counters).sinkFailures()).isEqualTo(1000);
  }

  @Test
  void pagesEachFilterOfAReqOnItsOwn() {
    List<Event> stored = new ArrayList<>(history(250, 1_700_000_000L));
    for (int i = 0; i < 40; i++) {
      stored.add(TestEvents.event(7, 1_600_000_000L - i));
    }
    TestRelay relay = relay(TestRelay.storedEvents(stored, 100));
    RelaySession session = connected(relay, SessionConfig.defaults());
    RecordingSubscriber sub = new RecordingSubscriber();

    loop.run(() -> session.maxLimit(OptionalInt.of(100)));
    loop.call(() -> session.openHistory(List.of(kinds(1), kinds(7)), sub));

    assertThat(sub.awaitOutcome()).isInstanceOf(SubscriptionOutcome.HistoryComplete.class);
    assertThat(sub.ids()).hasSize(290).doesNotHaveDuplicates();
    // the kind-7 filter was complete after one page; only kind 1 was asked again
    for (ClientMessage.Req req : relay.reqs().subList(1, relay.reqs().size())) {
      assertThat(req.filters()).hasSize(1);
      assertThat(req.filters().get(0).kinds()).hasValue(java.util.Set.of(1));
    }
  }

  /** Issue 17 over a socket: the {@code #q} filter's old status does not cut the {@code #e} paging short. */
  @Test
  void anOldEventSharedWithAnotherFilterLosesNothing() {
    String root = "c".repeat(64);
    List<Event> stored = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      stored.add(TestEvents.event(1, 1_700_000_000L - i, List.of(List.of("e", root, "", "root"))));
    }
    stored.add(TestEvents.event(1631, 1_690_000_000L, List.of(List.of("e", root), List.of("q", root))));
    TestRelay relay = relay(TestRelay.storedEvents(stored, 50));
    RelaySession session = connected(relay, SessionConfig.defaults());
    RecordingSubscriber sub = new RecordingSubscriber();

    loop.run(() -> session.maxLimit(OptionalInt.of(50)));
    loop.call(() -> session.openHistory(List.of(
        Filter.builder().tag('e', List.of(root)).build(), Filter.builder().tag('q', List.of(root)).build()), sub));

    SubscriptionOutcome outcome = sub.awaitOutcome();
    assertThat(outcome).isEqualTo(new SubscriptionOutcome.HistoryComplete(outcome.stats(), List.of()));
    assertThat(new HashSet<>(sub.ids())).isEqualTo(new HashSet<>(stored.stream().map(Event::id).toList()));
  }

  /** More events in one second than a page holds: reported unfinished, and the older ones still come. */
  @Test
  void aSecondCrowdedPastTheCapIsReportedAndSteppedPast() {
    List<Event> stored = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      stored.add(TestEvents.event(1, 1_700_000_000L));
    }
    List<Event> older = history(20, 1_600_000_000L);
    stored.addAll(older);
    TestRelay relay = relay(TestRelay.storedEvents(stored, 10));
    RelaySession session = connected(relay, SessionConfig.defaults());
    RecordingSubscriber sub = new RecordingSubscriber();

    loop.run(() -> session.maxLimit(OptionalInt.of(10)));
    loop.call(() -> session.openHistory(List.of(kinds(1)), sub));

    SubscriptionOutcome.HistoryComplete outcome = (SubscriptionOutcome.HistoryComplete) sub.awaitOutcome();
    assertThat(outcome.unfinished()).extracting(UnfinishedHistory::reason)
        .containsExactly(UnfinishedHistory.Reason.SAME_SECOND);
    assertThat(sub.ids()).containsAll(older.stream().map(Event::id).toList());
  }

  @Test
  void historyCompleteWaitsUntilEveryDeliveredEventIsSettled() {
    List<Event> stored = history(3, 1_700_000_000L);
    TestRelay relay = relay(TestRelay.storedEvents(stored, 100));
    RelaySession session = connected(relay, SessionConfig.defaults());
    List<io.vertx.core.Promise<Void>> held = new ArrayList<>();
    RecordingSubscriber sub = new RecordingSubscriber(e -> {
      io.vertx.core.Promise<Void> p = io.vertx.core.Promise.promise();
      held.add(p);
      return p.future();
    });

    loop.run(() -> session.maxLimit(OptionalInt.of(100)));
    loop.call(() -> session.openHistory(List.of(kinds(1)), sub));
    // CLOSE goes out when EOSE is handled: from then on only our ingest holds the outcome back
    loop.until("EOSE handled", () -> relay.received().stream().anyMatch(m -> m instanceof ClientMessage.Close));
    assertThat(loop.call(() -> held.size())).isEqualTo(3);
    assertThat(sub.outcome).isNotDone();

    loop.run(() -> held.forEach(io.vertx.core.Promise::complete));

    assertThat(sub.awaitOutcome()).isInstanceOf(SubscriptionOutcome.HistoryComplete.class);
  }

  @Test
  void dropsAndCountsEventsNobodyAskedFor() {
    Event wanted = TestEvents.event(1, 1_700_000_000L);
    Event otherKind = TestEvents.event(7, 1_700_000_000L);
    Event stray = TestEvents.event(1, 1_700_000_000L);
    Event late = TestEvents.event(1, 1_700_000_000L);
    TestRelay relay =
        relay((c, m) -> {
          if (m instanceof ClientMessage.Req req) {
            c.send(new RelayMessage.EventMessage(req.subscriptionId(), wanted));
            c.send(new RelayMessage.EventMessage(req.subscriptionId(), otherKind));
            c.send(new RelayMessage.EventMessage("never-opened", stray));
            c.send(new RelayMessage.EventMessage(req.subscriptionId(), wanted));
            c.send(new RelayMessage.Eose(req.subscriptionId()));
          } else if (m instanceof ClientMessage.Close close) {
            c.send(new RelayMessage.EventMessage(close.subscriptionId(), late));
            c.send(new RelayMessage.Notice("done"));
          }
        });
    RecordingSessionListener events = new RecordingSessionListener();
    java.util.Map<SessionCounter, Long> fed = new java.util.EnumMap<>(SessionCounter.class);
    for (SessionCounter c : SessionCounter.values()) {
      fed.put(c, 0L);
    }
    RelaySession session = loop.call(() -> RelaySession.builder(vertx, relay.url()).listener(events)
        .metrics((counter, amount) -> fed.merge(counter, amount, Long::sum)).build());
    loop.await(() -> session.connect(Duration.ofSeconds(5)));
    RecordingSubscriber sub = new RecordingSubscriber();

    loop.run(() -> session.maxLimit(OptionalInt.of(100)));
    loop.call(() -> session.openHistory(List.of(kinds(1)), sub));
    SubscriptionOutcome outcome = sub.awaitOutcome();
    loop.until("notice after the late event", () -> !events.notices.isEmpty());

    assertThat(sub.ids()).containsExactly(wanted.id());
    assertThat(outcome.stats()).isEqualTo(new SubscriptionStats(3, 1, 1, 1, 1));
    SessionCounters counters = loop.call(session::counters);
    assertThat(counters.eventsReceived()).isEqualTo(5);
    assertThat(counters.droppedUnasked()).isEqualTo(3); // other kind, never-opened, after CLOSE
    assertThat(counters.droppedDuplicate()).isEqualTo(1);
    assertThat(counters.eventsDelivered()).isEqualTo(1);
    assertThat(events.notices).containsExactly("done");
    // the metrics callback saw every increment the snapshot did
    assertThat(loop.call(() -> java.util.Map.copyOf(fed))).isEqualTo(counters.asMap());
    loop.await(session::close);
  }

  @Test
  void liveSubscriptionDeliversNewEventsAfterEoseUntilClosed() {
    AtomicReference<TestRelay.Connection> conn = new AtomicReference<>();
    AtomicReference<String> subId = new AtomicReference<>();
    TestRelay relay =
        relay((c, m) -> {
          if (m instanceof ClientMessage.Req req) {
            conn.set(c);
            subId.set(req.subscriptionId());
            c.send(new RelayMessage.Eose(req.subscriptionId()));
          }
        });
    RelaySession session = connected(relay, SessionConfig.defaults());
    RecordingSubscriber sub = new RecordingSubscriber();
    long before = java.time.Instant.now().getEpochSecond();

    String id = loop.call(() -> session.openLive(List.of(kinds(1)), sub));
    loop.until("live", sub.live::isDone);
    Event fresh = TestEvents.event(1, before + 1);
    vertx.runOnContext(v -> conn.get().send(new RelayMessage.EventMessage(subId.get(), fresh)));
    loop.until("live event", () -> sub.events.size() == 1);

    Filter sent = relay.reqs().get(0).filters().get(0);
    assertThat(sent.since()).isPresent();
    assertThat(sent.since().getAsLong()).isBetween(before - 61, before);
    assertThat(loop.call(() -> session.closeSubscription(id))).isTrue();
    assertThat(sub.awaitOutcome()).isInstanceOf(SubscriptionOutcome.Cancelled.class);
    loop.until("CLOSE", () -> relay.received().stream().anyMatch(m -> m instanceof ClientMessage.Close));
    assertThat(loop.call(() -> session.closeSubscription(id))).isFalse();
  }

  @Test
  void subscriptionsEndWhenTheRelayGoesAwayOrWeClose() {
    AtomicReference<TestRelay.Connection> conn = new AtomicReference<>();
    TestRelay relay = relay((c, m) -> conn.set(c));
    RecordingSessionListener events = new RecordingSessionListener();
    RelaySession session = loop.call(() -> RelaySession.builder(vertx, relay.url()).listener(events).build());
    loop.await(() -> session.connect(Duration.ofSeconds(5)));
    RecordingSubscriber sub = new RecordingSubscriber();
    loop.call(() -> session.openHistory(List.of(kinds(1)), sub));
    loop.until("REQ seen", () -> conn.get() != null);

    conn.get().ws.close();

    assertThat(sub.awaitOutcome()).isInstanceOf(SubscriptionOutcome.Disconnected.class);
    Disconnection d = OnLoop.await(Future.fromCompletionStage(events.disconnected));
    assertThat(d.requested()).isFalse();
    assertThat(loop.call(session::isConnected)).isFalse();
    // a closed session does not dial again, and new subscriptions end at once
    RecordingSubscriber late = new RecordingSubscriber();
    loop.call(() -> session.openHistory(List.of(kinds(1)), late));
    assertThat(late.awaitOutcome()).isInstanceOf(SubscriptionOutcome.Disconnected.class);
  }

  @Test
  void closingTheSessionCancelsItsSubscriptions() {
    TestRelay relay = relay((c, m) -> {});
    RecordingSessionListener events = new RecordingSessionListener();
    RelaySession session = loop.call(() -> RelaySession.builder(vertx, relay.url()).listener(events).build());
    loop.await(() -> session.connect(Duration.ofSeconds(5)));
    RecordingSubscriber sub = new RecordingSubscriber();
    loop.call(() -> session.openHistory(List.of(kinds(1)), sub));

    loop.await(session::close);

    assertThat(sub.awaitOutcome()).isInstanceOf(SubscriptionOutcome.Cancelled.class);
    assertThat(OnLoop.await(Future.fromCompletionStage(events.disconnected)).requested()).isTrue();
  }

  @Test
  void connectFailsWithinItsTimeoutWhenNothingListens() {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    RelaySession session = loop.call(() -> RelaySession.builder(vertx, "ws://127.0.0.1:" + port).build());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> loop.await(() -> session.connect(Duration.ofSeconds(2))))
        .isNotNull();
    assertThat(loop.call(session::isConnected)).isFalse();
  }

  @Test
  void connectGivesUpAtItsDeadlineWhenTheHandshakeHangs() {
    io.vertx.core.net.NetServer silent = vertx.createNetServer().connectHandler(socket -> {});
    OnLoop.await(silent.listen(0, "127.0.0.1"));
    toClose.add(() -> OnLoop.await(silent.close()));
    RelaySession session =
        loop.call(() -> RelaySession.builder(vertx, "ws://127.0.0.1:" + silent.actualPort()).build());

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> loop.await(() -> session.connect(Duration.ofMillis(300))))
        .hasMessageContaining("timed out");
    assertThat(loop.call(session::isConnected)).isFalse();
  }

  @Test
  void whatTheRelaySaysTheMomentTheSocketOpensIsNotLost() {
    TestRelay relay =
        relay(new TestRelay.Script() {
          @Override
          public void onOpen(TestRelay.Connection c) {
            c.send(new RelayMessage.AuthChallenge("first-words"));
            c.send(new RelayMessage.Notice("welcome"));
          }

          @Override
          public void onMessage(TestRelay.Connection c, ClientMessage m) {}
        });
    RecordingSessionListener events = new RecordingSessionListener();
    RelaySession session = loop.call(() -> RelaySession.builder(vertx, relay.url()).listener(events).build());
    toClose.add(() -> loop.await(session::close));

    loop.await(() -> session.connect(Duration.ofSeconds(5)));

    loop.until("challenge and notice", () -> events.challenges.size() == 1 && events.notices.size() == 1);
  }

  @Test
  void sessionMethodsRefuseOtherThreads() {
    TestRelay relay = relay((c, m) -> {});
    RelaySession session = loop.call(() -> RelaySession.builder(vertx, relay.url()).build());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> session.openHistory(List.of(kinds(1)), new RecordingSubscriber()))
        .isInstanceOf(IllegalStateException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RelaySession.builder(vertx, relay.url()).build())
        .isInstanceOf(IllegalStateException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> loop.call(() -> RelaySession.builder(vertx, "http://x").build()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
