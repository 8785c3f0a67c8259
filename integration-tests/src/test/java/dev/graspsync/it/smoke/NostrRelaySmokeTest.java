package dev.graspsync.it.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graspsync.it.harness.Eventually;
import dev.graspsync.it.harness.NodeRelay;
import dev.graspsync.it.harness.NodeScripts;
import dev.graspsync.it.harness.NostrTestClient;
import dev.graspsync.it.harness.TestSubscription;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.message.RelayMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The @nostr-relay relay started by the harness serves NIP-01 with every knob the e2e suite uses. */
class NostrRelaySmokeTest extends VertxSmokeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static String repoSpec(int issues) {
    StringBuilder spec = new StringBuilder("[{\"type\":\"announcement\",\"ref\":\"repo\",\"d\":\"smoke\",\"relays\":[\"ws://127.0.0.1:1\"]}");
    for (int i = 0; i < issues; i++) {
      spec.append(",{\"type\":\"issue\",\"repo\":\"repo\",\"key\":\"bob\",\"subject\":\"issue ").append(i)
          .append("\",\"at\":").append(-i).append('}');
    }
    return spec.append(']').toString();
  }

  private static Filter issuesOf(Event announcement) {
    return Filter.builder().kinds(Set.of(1621)).tag('a', Set.of(announcement.address().orElseThrow())).build();
  }

  @Test
  void publishedNostrToolsEventsAreAcceptedAndQueriedBack() {
    List<Event> fixtures = NodeScripts.sign(repoSpec(2));
    try (NodeRelay relay = NodeRelay.nostrRelay();
        NostrTestClient client = NostrTestClient.connect(vertx, relay.url())) {
      for (Event event : fixtures) {
        assertThat(client.publish(event).accepted()).as("OK for %s", event.id()).isTrue();
      }

      List<Event> issues = client.query(issuesOf(fixtures.get(0)));

      assertThat(issues).extracting(Event::id).containsExactlyInAnyOrder(fixtures.get(1).id(), fixtures.get(2).id());
      assertThat(issues.get(0).tags()).isEqualTo(fixtures.get(1).tags());
    }
  }

  @Test
  void maxLimitCapsEachQuerySoHistoryMustBePagedWithUntil(@TempDir Path dir) {
    List<Event> fixtures = NodeScripts.sign(repoSpec(7));
    Path seed = NodeScripts.writeJsonLines(dir.resolve("seed.jsonl"), fixtures);
    List<Event> issuesNewestFirst = fixtures.subList(1, 8).stream()
        .sorted(Comparator.comparingLong(Event::createdAt).reversed()).toList();
    try (NodeRelay relay = NodeRelay.nostrRelay("--max-limit", "3", "--seed", seed.toString());
        NostrTestClient client = NostrTestClient.connect(vertx, relay.url())) {
      Filter filter = issuesOf(fixtures.get(0));

      List<Event> firstPage = client.query(filter);
      List<Event> secondPage = client.query(filter.withUntil(firstPage.get(2).createdAt() - 1));

      assertThat(firstPage).extracting(Event::id)
          .containsExactlyElementsOf(issuesNewestFirst.subList(0, 3).stream().map(Event::id).toList());
      assertThat(secondPage).extracting(Event::id)
          .containsExactlyElementsOf(issuesNewestFirst.subList(3, 6).stream().map(Event::id).toList());
    }
  }

  @Test
  void authRelayRefusesUntilTheClientAuthenticates() {
    NodeScripts.FixtureKey key = NodeScripts.keys("reader").get(0);
    try (NodeRelay relay = NodeRelay.nostrRelay("--auth");
        NostrTestClient client = NostrTestClient.connect(vertx, relay.url())) {
      TestSubscription refused = client.subscribe(Filter.builder().kinds(Set.of(1)).build());
      assertThat(refused.awaitClosed(TIMEOUT)).startsWith("auth-required:");

      RelayMessage.Ok ok = client.authenticate(Keys.fromSecretHex(key.secretHex()));

      assertThat(ok.accepted()).as(ok.message()).isTrue();
      assertThat(client.query(Filter.builder().kinds(Set.of(1)).build())).isEmpty();
    }
  }

  @Test
  void closedReqsAreRefusedWithTheGivenMessageThenServed() {
    try (NodeRelay relay = NodeRelay.nostrRelay("--rate-limit-closed", "1");
        NodeRelay restricted = NodeRelay.nostrRelay("--closed-reqs", "1", "--closed-message", "restricted: members only");
        NostrTestClient client = NostrTestClient.connect(vertx, relay.url());
        NostrTestClient other = NostrTestClient.connect(vertx, restricted.url())) {
      Filter any = Filter.builder().kinds(Set.of(1)).build();

      assertThat(client.subscribe(any).awaitClosed(TIMEOUT)).startsWith("rate-limited:");
      assertThat(other.subscribe(any).awaitClosed(TIMEOUT)).isEqualTo("restricted: members only");
      assertThat(client.query(any)).isEmpty();
    }
  }

  @Test
  void noEoseRelaySendsStoredEventsButNeverEose() {
    List<Event> fixtures = NodeScripts.sign(repoSpec(1));
    try (NodeRelay relay = NodeRelay.nostrRelay("--no-eose");
        NostrTestClient client = NostrTestClient.connect(vertx, relay.url())) {
      client.publish(fixtures.get(1));
      TestSubscription subscription = client.subscribe(issuesOf(fixtures.get(0)));
      Eventually.await("the stored issue", TIMEOUT, () -> subscription.events().size() == 1);

      // The relay answers in order on one socket: once this OK is in, an EOSE would be too.
      client.publish(fixtures.get(0));

      assertThat(subscription.eoseReceived()).isFalse();
    }
  }

  @Test
  void persistedRelayServesTheSameEventsAfterARestartOnTheSamePort(@TempDir Path dir) {
    List<Event> fixtures = NodeScripts.sign(repoSpec(1));
    try (NodeRelay relay = NodeRelay.nostrRelay("--persist", dir.resolve("events.jsonl").toString())) {
      try (NostrTestClient client = NostrTestClient.connect(vertx, relay.url())) {
        client.publish(fixtures.get(1));
      }
      int port = relay.port();

      relay.restart();

      assertThat(relay.port()).isEqualTo(port);
      try (NostrTestClient client = NostrTestClient.connect(vertx, relay.url())) {
        assertThat(client.query(issuesOf(fixtures.get(0)))).extracting(Event::id).containsExactly(fixtures.get(1).id());
      }
    }
  }

  @Test
  void closingARelayEndsItsProcessAndABadOptionFailsStartWithItsMessage() {
    NodeRelay relay = NodeRelay.nostrRelay();
    relay.close();
    assertThat(relay.isAlive()).isFalse();

    assertThatThrownBy(() -> NodeRelay.nostrRelay("--no-such-option"))
        .hasMessageContaining("unknown option '--no-such-option'");
  }
}
