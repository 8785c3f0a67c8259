package dev.graspsync.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.NostrSpec;
import dev.graspsync.it.harness.Eventually;
import dev.graspsync.it.harness.Meters;
import dev.graspsync.it.harness.NodeRelay;
import dev.graspsync.it.harness.NostrTestClient;
import dev.graspsync.it.harness.TcpFaultProxy;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.spi.IngestVerdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Relay URLs come from events anyone can publish. With default settings an announcement that
 * lists loopback addresses does not make the host dial them, and the refusal is counted; a
 * relay list of 10,000 URLs is cut to {@code max-relays-per-repo}.
 */
class AddressSafetyTest extends SyncTestBase {

  /**
   * Issue 4 "a refused private address" and issue 5's security scenario: a real relay on
   * loopback, listed as an IP literal, as {@code localhost} and as {@code [::1]}, holds the
   * repository's issue; the default host never connects to it.
   */
  @Test
  void withDefaultSettingsLoopbackRelaysInAnAnnouncementAreNotDialled() {
    ReferenceRelay relay = referenceRelay();
    TcpFaultProxy gate = proxy(relay.url());
    int port = gate.port();
    List<String> listed = List.of("ws://127.0.0.1:" + port, "ws://localhost:" + port, "ws://[::1]:" + port,
        "ws://127.0.0.2:" + port, OWN_URL);
    List<Event> events = NostrSpec.create()
        .announcement("repo", "inside", listed, -50_000)
        .issue("i1", "repo", "bob", "bait", -40_000)
        .sign();
    relay.publish(vertx, events.subList(1, 2));

    EmbeddedHost host = startHost(SyncSettings.defaults(List.of()));
    assertThat(host.publish(events.get(0))).isInstanceOf(IngestVerdict.Accepted.class);

    Eventually.untilAsserted(SYNC_DEADLINE, () -> {
      assertThat(Meters.gaugeOr(host.meters(), "grasp.sync.repos.tracked")).isEqualTo(1);
      assertThat(Meters.counter(host.meters(), "grasp.sync.relays.refused", "reason", "private_address"))
          .as("refusals counted").isGreaterThanOrEqualTo(4);
    });
    // the index has the repository and refused its relays; a dial would follow within the batch window
    Eventually.holdsFor("no connection to the loopback relay", Duration.ofSeconds(1),
        () -> gate.acceptedConnections() == 0);
    assertThat(Meters.gaugeOr(host.meters(), "grasp.sync.relays.tracked")).isZero();
    assertThat(host.has(events.get(1).id())).isFalse();
  }

  /**
   * An announcement whose relays tag holds 10,000 URLs (all served by one relay, by path):
   * only {@code max-relays-per-repo} (20 by default) become sync workers and get dialled; the
   * rest are counted.
   */
  @Test
  void aRelayListOfTenThousandUrlsIsCapped() {
    // @nostr-relay serves WebSocket on every path, so each /rN is a distinct relay on one port
    NodeRelay relay = nostrRelay();
    TcpFaultProxy gate = proxy(relay.url());
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      urls.add(gate.url() + "/r" + i);
    }
    urls.add(OWN_URL);
    List<Event> events = NostrSpec.create()
        .announcement("repo", "flooded", urls, -50_000)
        .issue("i1", "repo", "bob", "still synced from the first relays", -40_000)
        .sign();
    try (NostrTestClient client = NostrTestClient.connect(vertx, relay.url())) {
      client.publishAll(events.subList(1, 2));
    }

    EmbeddedHost host = startHost(SyncSettings.forTests());
    assertThat(host.publish(events.get(0))).isInstanceOf(IngestVerdict.Accepted.class);

    awaitStored(host, events);
    Eventually.untilAsserted(SYNC_DEADLINE, () -> {
      assertThat(Meters.gaugeOr(host.meters(), "grasp.sync.relays.tracked")).isEqualTo(20);
      assertThat(Meters.counter(host.meters(), "grasp.sync.relays.refused", "reason", "over_cap"))
          .isGreaterThanOrEqualTo(10_000 - 20);
    });
    Eventually.holdsFor("at most 20 distinct relays dialled", Duration.ofSeconds(1),
        () -> gate.requestPaths().stream().distinct().count() <= 20);
    assertThat(gate.requestPaths().stream().distinct().toList())
        .allSatisfy(path -> assertThat(Integer.parseInt(path.substring(2))).isLessThan(20));
  }
}
