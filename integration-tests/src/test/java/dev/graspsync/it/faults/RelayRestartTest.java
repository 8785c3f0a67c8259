package dev.graspsync.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.BulkEvents;
import dev.graspsync.it.fixtures.NostrSpec;
import dev.graspsync.it.harness.Eventually;
import dev.graspsync.it.harness.NodeRelay;
import dev.graspsync.it.harness.NostrTestClient;
import dev.graspsync.it.harness.TcpFaultProxy;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The external relay (@nostr-relay) is killed in the middle of a paged history sync and comes
 * back on the same port with the same events: the host reconnects and ends with the complete
 * history.
 */
class RelayRestartTest extends SyncTestBase {

  @Test
  void anExternalRelayRestartingMidSyncStillYieldsTheCompleteHistory() {
    NodeRelay relay = nostrRelay("--persist", dir.resolve("relay.jsonl").toString(),
        "--max-limit", "100", "--default-limit", "100");
    // a delaying proxy slows the sync down so that the restart lands in its middle
    TcpFaultProxy wire = proxy(relay.url());
    wire.delay(Duration.ofMillis(40));
    List<Event> history = new ArrayList<>(NostrSpec.create()
        .announcement("repo", "restart", List.of(wire.url(), OWN_URL), -200_000)
        .sign());
    List<Event> issues = BulkEvents.issues(BulkEvents.repoRef("restart"), "bob", 600, BulkEvents.now() - 100_000, 1);
    history.addAll(issues);
    for (int i = 0; i < 300; i++) {
      history.add(BulkEvents.comment(issues.get(i), "carol", "comment " + i, BulkEvents.now() - 90_000 + i));
    }
    try (NostrTestClient client = NostrTestClient.connect(vertx, relay.url())) {
      client.publishAll(history);
    }

    EmbeddedHost host = startHost(SyncSettings.forTests(wire.url()));
    Eventually.await("some of the history arrived", SYNC_DEADLINE,
        () -> host.count(Filter.builder().kinds(1621).build()) >= 100);
    relay.restart();
    long storedAtRestart = host.count(Filter.builder().build());

    awaitStored(host, history, Duration.ofSeconds(60));
    awaitCaughtUp(host, wire.url());
    assertThat(storedAtRestart).as("the restart came mid-sync").isLessThan(history.size());
    assertThat(host.count(Filter.builder().build())).isEqualTo(history.size());
  }
}
