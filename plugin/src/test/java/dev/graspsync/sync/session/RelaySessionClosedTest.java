package dev.graspsync.sync.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.crypto.AuthEvents;
import dev.graspsync.nostr.crypto.EventVerifier;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.crypto.Verification;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.message.ClientMessage;
import dev.graspsync.nostr.message.MachinePrefix;
import dev.graspsync.nostr.message.RelayMessage;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Every way a relay can end a subscription: CLOSED with each prefix, AUTH, no EOSE. */
class RelaySessionClosedTest extends SessionTestBase {

  private RelaySession connected(TestRelay relay, RelaySessionBuilderTweak tweak) {
    RelaySession session = loop.call(() -> tweak.apply(RelaySession.builder(vertx, relay.url())).build());
    loop.await(() -> session.connect(Duration.ofSeconds(5)));
    loop.run(() -> session.maxLimit(OptionalInt.of(100)));
    toClose.add(() -> loop.await(session::close));
    return session;
  }

  interface RelaySessionBuilderTweak {
    RelaySessionBuilder apply(RelaySessionBuilder b);
  }

  private static final List<Filter> KIND_1 = List.of(Filter.builder().kinds(1).build());

  private static TestRelay.Script closesWith(String message) {
    return (c, m) -> {
      if (m instanceof ClientMessage.Req req) {
        c.send(new RelayMessage.Closed(req.subscriptionId(), message));
      }
    };
  }

  @Test
  void rateLimitedClosedIsReportedAsRateLimited() {
    RelaySession session = connected(relay(closesWith("rate-limited: slow down")), b -> b);
    RecordingSubscriber sub = new RecordingSubscriber();

    loop.call(() -> session.openHistory(KIND_1, sub));

    assertThat(sub.awaitOutcome())
        .isEqualTo(new SubscriptionOutcome.RateLimited("rate-limited: slow down", new SubscriptionStats(0, 0, 0, 0, 1)));
    assertThat(loop.call(session::counters).closedByRelay()).isEqualTo(1);
    assertThat(loop.call(session::openSubscriptions)).isZero();
  }

  @Test
  void restrictedAndUnprefixedClosedAreRefusals() {
    RelaySession restricted = connected(relay(closesWith("restricted: members only")), b -> b);
    RelaySession bare = connected(relay(closesWith("go away")), b -> b);
    RecordingSubscriber a = new RecordingSubscriber();
    RecordingSubscriber b = new RecordingSubscriber();

    loop.call(() -> restricted.openHistory(KIND_1, a));
    loop.call(() -> bare.openHistory(KIND_1, b));

    SubscriptionOutcome first = a.awaitOutcome();
    assertThat(first).isInstanceOf(SubscriptionOutcome.Refused.class);
    assertThat(((SubscriptionOutcome.Refused) first).prefix()).hasValue(MachinePrefix.RESTRICTED);
    assertThat(first.failed()).isTrue();
    SubscriptionOutcome second = b.awaitOutcome();
    assertThat(((SubscriptionOutcome.Refused) second).prefix()).isEmpty();
    assertThat(((SubscriptionOutcome.Refused) second).message()).isEqualTo("go away");
  }

  /** A relay that wants NIP-42 before it serves, and checks the AUTH event properly. */
  private static final class AuthRelay implements TestRelay.Script {
    final String challenge = "challenge-" + System.nanoTime();
    final List<Verification> verifications = new CopyOnWriteArrayList<>();
    final List<Event> authEvents = new CopyOnWriteArrayList<>();
    final List<Event> stored;
    final boolean acceptAuth;
    final boolean servesAfterAuth;
    volatile String url = "";
    volatile boolean authed;

    AuthRelay(List<Event> stored, boolean acceptAuth, boolean servesAfterAuth) {
      this.stored = stored;
      this.acceptAuth = acceptAuth;
      this.servesAfterAuth = servesAfterAuth;
    }

    @Override
    public void onMessage(TestRelay.Connection c, ClientMessage m) {
      if (m instanceof ClientMessage.Auth auth) {
        Event e = auth.event();
        authEvents.add(e);
        verifications.add(EventVerifier.verify(e));
        Optional<String> problem = AuthEvents.problem(e, challenge, url, Instant.now().getEpochSecond(), 600);
        authed = acceptAuth && problem.isEmpty();
        c.send(new RelayMessage.Ok(e.id(), authed, authed ? "" : "restricted: " + problem.orElse("not you")));
      } else if (m instanceof ClientMessage.Req req) {
        if (!authed || !servesAfterAuth) {
          // the challenge comes with the refusal, so the session must wait for AUTH, then retry
          if (!authed) {
            c.send(new RelayMessage.AuthChallenge(challenge));
          }
          c.send(new RelayMessage.Closed(req.subscriptionId(), "auth-required: members only"));
          return;
        }
        TestRelay.storedEvents(stored, 100).onMessage(c, m);
      }
    }
  }

  @Test
  void authRequiredIsAnsweredWithASignedAuthEventThenTheRequestIsRetried() {
    List<Event> stored = List.of(TestEvents.event(1, 1_700_000_000L), TestEvents.event(1, 1_700_000_001L));
    AuthRelay script = new AuthRelay(stored, true, true);
    TestRelay relay = relay(script);
    script.url = relay.url();
    Keys keys = Keys.generate();
    RecordingSessionListener events = new RecordingSessionListener();
    RelaySession session = connected(relay, b -> b.keys(Optional.of(keys)).listener(events));
    RecordingSubscriber sub = new RecordingSubscriber();

    loop.call(() -> session.openHistory(KIND_1, sub));
    SubscriptionOutcome outcome = sub.awaitOutcome();

    assertThat(outcome).isInstanceOf(SubscriptionOutcome.HistoryComplete.class);
    assertThat(sub.events).hasSize(2);
    assertThat(script.verifications).containsExactly(Verification.VALID);
    Event auth = script.authEvents.get(0);
    assertThat(auth.kind()).isEqualTo(22242);
    assertThat(auth.pubkey()).isEqualTo(keys.publicKeyHex());
    assertThat(auth.firstTagValue("challenge")).hasValue(script.challenge);
    assertThat(auth.firstTagValue("relay")).hasValue(relay.url());
    assertThat(events.challenges).containsExactly(script.challenge);
    assertThat(events.authResults).containsExactly(new AuthResult(script.challenge, true, ""));
    assertThat(relay.reqs()).hasSize(2);
  }

  @Test
  void authRequiredWithoutKeysEndsAtOnce() {
    AuthRelay script = new AuthRelay(List.of(), true, true);
    TestRelay relay = relay(script);
    RelaySession session = connected(relay, b -> b);
    RecordingSubscriber sub = new RecordingSubscriber();

    loop.call(() -> session.openHistory(KIND_1, sub));

    SubscriptionOutcome outcome = sub.awaitOutcome();
    assertThat(outcome).isEqualTo(
        new SubscriptionOutcome.AuthRequired("auth-required: members only", false, new SubscriptionStats(0, 0, 0, 0, 1)));
    assertThat(script.authEvents).isEmpty();
  }

  @Test
  void refusedAuthEndsAsAuthRequired() {
    AuthRelay script = new AuthRelay(List.of(), false, true);
    TestRelay relay = relay(script);
    script.url = relay.url();
    RecordingSessionListener events = new RecordingSessionListener();
    RelaySession session = connected(relay, b -> b.keys(Optional.of(Keys.generate())).listener(events));
    RecordingSubscriber sub = new RecordingSubscriber();

    loop.call(() -> session.openHistory(KIND_1, sub));

    SubscriptionOutcome outcome = sub.awaitOutcome();
    assertThat(outcome).isInstanceOf(SubscriptionOutcome.AuthRequired.class);
    assertThat(((SubscriptionOutcome.AuthRequired) outcome).authenticated()).isFalse();
    assertThat(events.authResults).singleElement().satisfies(r -> assertThat(r.accepted()).isFalse());
    assertThat(relay.reqs()).hasSize(1);
  }

  @Test
  void authRequiredAfterAuthenticatingIsRetriedOnlyOnce() {
    AuthRelay script = new AuthRelay(List.of(), true, false);
    TestRelay relay = relay(script);
    script.url = relay.url();
    RelaySession session = connected(relay, b -> b.keys(Optional.of(Keys.generate())));
    RecordingSubscriber sub = new RecordingSubscriber();

    loop.call(() -> session.openHistory(KIND_1, sub));

    SubscriptionOutcome outcome = sub.awaitOutcome();
    assertThat(outcome).isInstanceOf(SubscriptionOutcome.AuthRequired.class);
    assertThat(((SubscriptionOutcome.AuthRequired) outcome).authenticated()).isTrue();
    assertThat(relay.reqs()).hasSize(2);
  }

  @Test
  void authRequiredWithNoChallengeTimesOutAsAuthRequired() {
    TestRelay relay = relay(closesWith("auth-required: who are you"));
    RelaySession session =
        connected(relay, b -> b.keys(Optional.of(Keys.generate()))
            .config(SessionConfig.defaults().withAuthTimeout(Duration.ofMillis(200))));
    RecordingSubscriber sub = new RecordingSubscriber();

    loop.call(() -> session.openHistory(KIND_1, sub));

    assertThat(sub.awaitOutcome()).isInstanceOf(SubscriptionOutcome.AuthRequired.class);
  }

  @Test
  void noEoseEndsAsTimedOutAndTheSubscriptionIsClosed() {
    Event one = TestEvents.event(1, 1_700_000_000L);
    TestRelay relay =
        relay((c, m) -> {
          if (m instanceof ClientMessage.Req req) {
            c.send(new RelayMessage.EventMessage(req.subscriptionId(), one));
          }
        });
    Duration deadline = Duration.ofMillis(300);
    RelaySession session = connected(relay, b -> b.config(SessionConfig.defaults().withEoseTimeout(deadline)));
    RecordingSubscriber sub = new RecordingSubscriber();

    String id = loop.call(() -> session.openHistory(KIND_1, sub));

    SubscriptionOutcome outcome = sub.awaitOutcome();
    assertThat(outcome).isEqualTo(new SubscriptionOutcome.TimedOut(deadline, new SubscriptionStats(1, 1, 0, 0, 1)));
    loop.until("CLOSE sent", () -> relay.received().contains(new ClientMessage.Close(id)));
    assertThat(sub.outcomes.get()).isEqualTo(1);
  }

  @Test
  void aRelayStillSendingIsNotTimedOut() {
    TestRelay relay =
        relay((c, m) -> {
          if (m instanceof ClientMessage.Req req) {
            // ten events 100 ms apart: a second in all, against a 300 ms deadline
            long[] left = {10};
            c.ws.exceptionHandler(e -> {});
            io.vertx.core.Vertx.currentContext().owner().setPeriodic(100, t -> {
              if (left[0]-- > 0) {
                c.send(new RelayMessage.EventMessage(req.subscriptionId(), TestEvents.event(1, 1_700_000_000L)));
              } else {
                io.vertx.core.Vertx.currentContext().owner().cancelTimer(t);
                c.send(new RelayMessage.Eose(req.subscriptionId()));
              }
            });
          }
        });
    RelaySession session =
        connected(relay, b -> b.config(SessionConfig.defaults().withEoseTimeout(Duration.ofMillis(300))));
    RecordingSubscriber sub = new RecordingSubscriber();

    loop.call(() -> session.openHistory(KIND_1, sub));

    assertThat(sub.awaitOutcome()).isInstanceOf(SubscriptionOutcome.HistoryComplete.class);
    assertThat(sub.events).hasSize(10);
  }

  @Test
  void noticesReachTheSessionListener() {
    TestRelay relay =
        relay((c, m) -> {
          if (m instanceof ClientMessage.Req req) {
            c.send(new RelayMessage.Notice("slow down, too many requests"));
            c.send(new RelayMessage.Eose(req.subscriptionId()));
          }
        });
    RecordingSessionListener events = new RecordingSessionListener();
    RelaySession session = connected(relay, b -> b.listener(events));
    RecordingSubscriber sub = new RecordingSubscriber();

    loop.call(() -> session.openHistory(KIND_1, sub));

    assertThat(sub.awaitOutcome()).isInstanceOf(SubscriptionOutcome.HistoryComplete.class);
    assertThat(events.notices).containsExactly("slow down, too many requests");
    assertThat(loop.call(session::counters).notices()).isEqualTo(1);
  }
}
