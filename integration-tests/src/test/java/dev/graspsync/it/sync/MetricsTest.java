package dev.graspsync.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.NostrSpec;
import dev.graspsync.it.harness.Eventually;
import dev.graspsync.it.harness.Meters;
import dev.graspsync.it.harness.TcpFaultProxy;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.HostProcess;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.event.Event;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reference's metrics scenarios, on the host's registry as /metrics exports it: the
 * connection state moves from syncing to connected, events are counted by layer and verdict,
 * a failed connection counts and degrades the relay, the status falls when the source stops,
 * and the aggregate relay counts follow.
 */
class MetricsTest extends SyncTestBase {

  @Test
  void metricsFollowASyncAFailingRelayAndASourceThatStops() throws IOException {
    ReferenceRelay relay = referenceRelay(Map.of("relay.max-limit", "5"));
    // slowed so that the syncing state lasts long enough to be seen
    TcpFaultProxy wire = proxy(relay.url());
    wire.delay(Duration.ofMillis(100));
    String dead = "ws://127.0.0.1:" + closedPort();
    NostrSpec spec = NostrSpec.create()
        .announcement("repo", "metered", List.of(wire.url(), OWN_URL), -50_000)
        .state("metered", -49_000);
    for (int i = 0; i < 20; i++) {
      spec.issue("i" + i, "repo", "bob", "issue " + i, -40_000 + i);
    }
    for (int i = 0; i < 10; i++) {
      spec.comment("c" + i, "i" + i, "carol", "comment " + i, -30_000 + i);
    }
    List<Event> history = spec.sign();
    relay.publish(vertx, history);

    EmbeddedHost host = startHost(SyncSettings.forTests(wire.url(), dead));
    MeterRegistry meters = host.meters();
    String live = wire.url();

    Eventually.await("relay_connected 2 (syncing) while the history comes", SYNC_DEADLINE,
        () -> host.connectionState(live) == 2);
    awaitStored(host, history);
    awaitCaughtUp(host, live);
    assertThat(host.health(live)).as("relay_status healthy").isEqualTo(1);
    assertThat(Meters.counter(meters, "grasp.sync.events", "layer", "announcements", "verdict", "saved")).isEqualTo(1);
    assertThat(Meters.counter(meters, "grasp.sync.events", "layer", "state", "verdict", "saved")).isEqualTo(1);
    assertThat(Meters.counter(meters, "grasp.sync.events", "layer", "repo", "verdict", "saved")).isEqualTo(20);
    assertThat(Meters.counter(meters, "grasp.sync.events", "layer", "root", "verdict", "saved")).isEqualTo(10);
    assertThat(Meters.counter(meters, "grasp.sync.connection.attempts", "relay", live, "result", "success")).isEqualTo(1);

    Eventually.untilAsserted(SYNC_DEADLINE, () -> {
      assertThat(Meters.counter(meters, "grasp.sync.connection.attempts", "relay", dead, "result", "failure"))
          .isGreaterThanOrEqualTo(1);
      assertThat(host.health(dead)).as("relay_status of the dead relay: degraded").isEqualTo(3);
      assertThat(Meters.gaugeOr(meters, "grasp.sync.relay.failures", "relay", dead)).isGreaterThanOrEqualTo(1);
      assertThat(host.connectionState(dead)).isZero();
    });
    assertThat(Meters.gaugeOr(meters, "grasp.sync.relays.tracked")).isEqualTo(2);
    assertThat(Meters.gaugeOr(meters, "grasp.sync.relays.connected")).isEqualTo(1);
    assertThat(Meters.gaugeOr(meters, "grasp.sync.repos.tracked")).isEqualTo(1);
    assertThat(Meters.gaugeOr(meters, "grasp.sync.root.events.tracked")).isEqualTo(20);

    String scrape = host.scrape();
    assertThat(HostProcess.metric(scrape, "grasp_sync_relay_connected{relay=\"" + live + "\"}")).isEqualTo(3);
    assertThat(HostProcess.metric(scrape, "grasp_sync_relay_status{relay=\"" + dead + "\"}")).isEqualTo(3);
    assertThat(HostProcess.metric(scrape, "grasp_sync_events_total{layer=\"repo\",verdict=\"saved\"}")).isEqualTo(20);
    assertThat(HostProcess.metric(scrape,
        "grasp_sync_connection_attempts_total{relay=\"" + dead + "\",result=\"failure\"}")).isGreaterThanOrEqualTo(1);
    assertThat(HostProcess.metric(scrape, "grasp_sync_relays_tracked")).isEqualTo(2);

    relay.stop();
    Eventually.untilAsserted(SYNC_DEADLINE, () -> {
      assertThat(host.connectionState(live)).as("relay_connected after the source stopped").isZero();
      assertThat(host.health(live)).as("relay_status after the source stopped").isIn(2, 3);
      assertThat(Meters.gaugeOr(meters, "grasp.sync.relays.connected")).isZero();
    });
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
