package dev.graspsync.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A relay that sends stored events but never EOSE: each batch is retried with backoff after
 * {@code eose-timeout-seconds}, then fails after {@code batch-max-attempts} and is parked.
 * No batch stays pending forever, and what the relay did send is kept.
 */
class NoEoseTest extends SyncTestBase {

  @Test
  void batchesWithoutEoseAreRetriedThenParkedNeverPendingForever() {
    NodeRelay relay = nostrRelay("--no-eose");
    TcpFaultProxy wire = proxy(relay.url());
    NostrSpec spec = NostrSpec.create().announcement("repo", "noeose", List.of(wire.url(), OWN_URL), -50_000);
    for (int i = 0; i < 5; i++) {
      spec.issue("i" + i, "repo", "bob", "issue " + i, -40_000 + i);
    }
    List<Event> history = spec.sign();
    try (NostrTestClient client = NostrTestClient.connect(vertx, relay.url())) {
      client.publishAll(history);
    }

    EmbeddedHost host = startHost(SyncSettings.forTests(wire.url())
        .with("eose-timeout-seconds", 1)
        .with("batch-max-attempts", 3));

    awaitStored(host, history);
    String url = wire.url();
    Eventually.untilAsserted(SYNC_DEADLINE, () -> {
      assertThat(Meters.gaugeOr(host.meters(), "grasp.sync.relay.pending.batches", "relay", url))
          .as("pending batches").isZero();
      assertThat(host.connectionState(url)).as("connected with failed batches").isEqualTo(4);
    });
    assertThat(Meters.counter(host.meters(), "grasp.sync.batches.failed", "relay", url)).isGreaterThanOrEqualTo(1);
    // the L1 batch (one announcement) was asked for three times: the first attempt and two retries
    assertThat(wire.messagesToClient("EVENT")).isGreaterThanOrEqualTo(3);
    long events = wire.messagesToClient("EVENT");
    Eventually.holdsFor("no more attempts after the batches failed", Duration.ofSeconds(2),
        () -> wire.messagesToClient("EVENT") == events);
  }
}
