package dev.graspsync.it.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.harness.NodeRelay;
import dev.graspsync.it.harness.NostrTestClient;
import dev.graspsync.nostr.crypto.EventVerifier;
import dev.graspsync.nostr.crypto.Verification;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.message.RelayMessage;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The hostile relay sends what each mode promises, judged by nostr-core (so its events are
 * known to be broken in exactly the intended way before e2e tests rely on them).
 */
class HostileRelaySmokeTest extends VertxSmokeTest {
  private static final String REPO = "30617:" + "a".repeat(64) + ":hostile";
  private static final Filter FILTER = Filter.builder().kinds(Set.of(1621)).tag('a', Set.of(REPO)).build();

  private static List<Event> query(String... args) {
    try (NodeRelay relay = NodeRelay.hostileRelay(args);
        NostrTestClient client = NostrTestClient.connect(vertx, relay.url())) {
      return client.query(Duration.ofSeconds(30), FILTER);
    }
  }

  @Test
  void garbageModeSendsOnlyFramesThatDoNotDecodeThenEose() {
    try (NodeRelay relay = NodeRelay.hostileRelay("--mode", "garbage");
        NostrTestClient client = NostrTestClient.connect(vertx, relay.url())) {
      List<Event> events = client.query(FILTER);

      assertThat(events).isEmpty();
      assertThat(client.malformed()).hasSizeGreaterThanOrEqualTo(15);
      assertThat(client.received()).allSatisfy(m -> assertThat(m).isNotInstanceOf(RelayMessage.EventMessage.class));
    }
  }

  @Test
  void badIdModeSendsFilterMatchingEventsWhoseIdIsWrong() {
    List<Event> events = query("--mode", "bad-id", "--count", "4");

    assertThat(events).hasSize(4).allSatisfy(e -> {
      assertThat(FILTER.matches(e)).isTrue();
      assertThat(EventVerifier.verify(e)).isEqualTo(Verification.BAD_ID);
    });
  }

  @Test
  void badSigModeSendsFilterMatchingEventsWithRightIdsAndBadSignatures() {
    List<Event> events = query("--mode", "bad-sig", "--count", "4");

    assertThat(events).hasSize(4).allSatisfy(e -> {
      assertThat(FILTER.matches(e)).isTrue();
      assertThat(EventVerifier.verify(e)).isEqualTo(Verification.BAD_SIGNATURE);
    });
  }

  @Test
  void mismatchModeSendsValidEventsThatMatchNoFilter() {
    List<Event> events = query("--mode", "mismatch", "--count", "3");

    assertThat(events).hasSize(3).allSatisfy(e -> {
      assertThat(FILTER.matches(e)).isFalse();
      assertThat(EventVerifier.verify(e)).isEqualTo(Verification.VALID);
    });
  }

  @Test
  void unknownSubModeSendsValidEventsUnderSubscriptionsNeverOpened() {
    try (NodeRelay relay = NodeRelay.hostileRelay("--mode", "unknown-sub", "--count", "3");
        NostrTestClient client = NostrTestClient.connect(vertx, relay.url())) {
      assertThat(client.query(FILTER)).isEmpty();

      List<RelayMessage.EventMessage> strays = client.received().stream()
          .filter(RelayMessage.EventMessage.class::isInstance).map(RelayMessage.EventMessage.class::cast).toList();
      assertThat(strays).hasSize(3).allSatisfy(m -> {
        assertThat(m.subscriptionId()).startsWith("never-opened-");
        assertThat(EventVerifier.verify(m.event())).isEqualTo(Verification.VALID);
      });
    }
  }

  @Test
  void hugeModeSendsOneValidMultiMegabyteEvent() {
    List<Event> events = query("--mode", "huge", "--huge-bytes", String.valueOf(3 * 1024 * 1024));

    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.toJson().length()).isGreaterThan(3 * 1024 * 1024);
      assertThat(EventVerifier.verify(e)).isEqualTo(Verification.VALID);
    });
  }

  @Test
  void floodModeSendsTheGivenNumberOfDistinctEventsWithBadSignatures() {
    List<Event> events = query("--mode", "flood", "--flood-count", "3000");

    assertThat(events).hasSize(3000);
    assertThat(events.stream().map(Event::id).distinct().count()).isEqualTo(3000);
    assertThat(events).allSatisfy(e -> assertThat(EventVerifier.hasValidId(e)).isTrue());
    assertThat(EventVerifier.verify(events.get(0))).isEqualTo(Verification.BAD_SIGNATURE);
  }
}
