package dev.graspsync.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.BulkEvents;
import dev.graspsync.it.fixtures.NostrSpec;
import dev.graspsync.it.harness.Eventually;
import dev.graspsync.it.harness.Meters;
import dev.graspsync.it.harness.NodeRelay;
import dev.graspsync.it.harness.NostrTestClient;
import dev.graspsync.it.harness.TcpFaultProxy;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.event.Event;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every CLOSED a relay can answer a REQ with ends somewhere (the reference ignored CLOSED and
 * left batches pending forever): {@code rate-limited:} cools down and retries,
 * {@code auth-required:} authenticates and retries, a refusal fails the batch, counted, and
 * parks it until the daily resync instead of retrying in a loop.
 */
class ClosedTest extends SyncTestBase {

  /** Issue 4: the first REQs are CLOSED rate-limited; after the cooldown the same batches succeed. */
  @Test
  void rateLimitedThenSuccess() {
    NodeRelay relay = nostrRelay("--closed-reqs", "4", "--closed-message", "rate-limited: slow down");
    TcpFaultProxy wire = proxy(relay.url());
    List<Event> history = publishHistory(relay, wire.url());

    EmbeddedHost host = startHost(SyncSettings.forTests(wire.url()).with("rate-limit-cooldown-seconds", 1));

    awaitStored(host, history);
    awaitCaughtUp(host, wire.url());
    assertThat(wire.messagesToClient("CLOSED")).as("REQs the relay refused").isGreaterThanOrEqualTo(4);
    assertThat(Meters.counter(host.meters(), "grasp.sync.batches.failed")).isZero();
  }

  /** The relay demands NIP-42: a host with a key authenticates and gets everything. */
  @Test
  void authRequiredIsAnsweredWithTheHostsKey() {
    NodeRelay relay = nostrRelay("--auth");
    TcpFaultProxy wire = proxy(relay.url());
    List<Event> history = history(wire.url());
    try (NostrTestClient client = NostrTestClient.connect(vertx, relay.url())) {
      assertThat(client.authenticate(BulkEvents.key("publisher")).accepted()).isTrue();
      client.publishAll(history);
    }

    EmbeddedHost host = startHost(EmbeddedHost.builder(vertx, dir.resolve("host"))
        .settings(SyncSettings.forTests(wire.url()).map())
        .authKeys(BulkEvents.key("host-relay")));

    awaitStored(host, history);
    awaitCaughtUp(host, wire.url());
    assertThat(wire.messagesToClient("AUTH")).as("challenges").isGreaterThanOrEqualTo(1);
  }

  /** Without a key the history cannot be had: the batch fails, is counted, and is not retried in a loop. */
  @Test
  void authRequiredWithoutAKeyFailsTheBatchOnce() {
    NodeRelay relay = nostrRelay("--auth");
    TcpFaultProxy wire = proxy(relay.url());

    EmbeddedHost host = startHost(SyncSettings.forTests(wire.url()));

    assertFailsWithoutLooping(host, wire);
  }

  /** {@code restricted:} fails the batch: counted, relay shown as connected with failures, no retry loop. */
  @Test
  void restrictedFailsTheBatchOnce() {
    NodeRelay relay = nostrRelay("--closed-reqs", "100000", "--closed-message", "restricted: not for you");
    TcpFaultProxy wire = proxy(relay.url());

    EmbeddedHost host = startHost(SyncSettings.forTests(wire.url()));

    assertFailsWithoutLooping(host, wire);
  }

  private static void assertFailsWithoutLooping(EmbeddedHost host, TcpFaultProxy wire) {
    String relay = wire.url();
    Eventually.untilAsserted(SYNC_DEADLINE, () -> {
      assertThat(Meters.counter(host.meters(), "grasp.sync.batches.failed", "relay", relay)).isGreaterThanOrEqualTo(1);
      assertThat(host.connectionState(relay)).as("connected with failed batches").isEqualTo(4);
      assertThat(Meters.gaugeOr(host.meters(), "grasp.sync.relay.pending.batches", "relay", relay)).isZero();
    });
    long closed = wire.messagesToClient("CLOSED");
    // a tight loop would send REQ after REQ; parked batches wait for the daily resync
    Eventually.holdsFor("no further CLOSED (no retry loop)", Duration.ofSeconds(3),
        () -> wire.messagesToClient("CLOSED") == closed);
    assertThat(wire.acceptedConnections()).as("connections (no reconnect loop either)").isLessThanOrEqualTo(2);
  }

  private List<Event> publishHistory(NodeRelay relay, String listedUrl) {
    List<Event> history = history(listedUrl);
    try (NostrTestClient client = NostrTestClient.connect(vertx, relay.url())) {
      client.publishAll(history);
    }
    return history;
  }

  private static List<Event> history(String relayUrl) {
    NostrSpec spec = NostrSpec.create().announcement("repo", "closed", List.of(relayUrl, OWN_URL), -50_000);
    for (int i = 0; i < 10; i++) {
      spec.issue("i" + i, "repo", "bob", "issue " + i, -40_000 + i);
      spec.comment("c" + i, "i" + i, "carol", "comment " + i, -30_000 + i);
    }
    return spec.sign();
  }
}
