package dev.graspsync.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.BulkHistory;
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
    List<Event> history = BulkHistory.repo("restart", wire.url(), OWN_URL).issues(600).comments(300).sign().events();
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
