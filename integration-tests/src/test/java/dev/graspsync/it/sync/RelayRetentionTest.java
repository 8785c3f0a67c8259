package dev.graspsync.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.NostrSpec;
import dev.graspsync.it.harness.Eventually;
import dev.graspsync.it.harness.Meters;
import dev.graspsync.it.harness.TcpFaultProxy;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.spi.IngestVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The relays a host syncs from follow the announcements: a newer announcement that drops a
 * relay gets it disconnected (no repository needs it, nothing pending), one that adds a relay
 * gets that relay dialled and synced.
 */
class RelayRetentionTest extends SyncTestBase {

  @Test
  void aNewerAnnouncementDropsOneRelayAndAddsAnother() {
    ReferenceRelay a = referenceRelay();
    ReferenceRelay b = referenceRelay();
    ReferenceRelay c = referenceRelay();
    TcpFaultProxy pa = proxy(a.url());
    TcpFaultProxy pb = proxy(b.url());
    TcpFaultProxy pc = proxy(c.url());
    List<Event> v1 = NostrSpec.create()
        .announcement("repo", "moving", List.of(pa.url(), pb.url(), OWN_URL), -3000)
        .issue("ia", "repo", "bob", "on a", -2000)
        .issue("ib", "repo", "bob", "on b", -2000)
        .issue("ic", "repo", "bob", "on c", -2000)
        .sign();
    a.publish(vertx, List.of(v1.get(1)));
    b.publish(vertx, List.of(v1.get(2)));
    c.publish(vertx, List.of(v1.get(3)));
    EmbeddedHost host = startHost(SyncSettings.forTests());
    assertThat(host.publish(v1.get(0))).isInstanceOf(IngestVerdict.Accepted.class);
    awaitStored(host, v1.subList(0, 3));
    awaitCaughtUp(host, pa.url());
    awaitCaughtUp(host, pb.url());
    assertThat(pc.acceptedConnections()).isZero();

    Event v2 = NostrSpec.create().announcement("repo", "moving", List.of(pa.url(), pc.url(), OWN_URL), -1000).sign().get(0);
    assertThat(host.publish(v2)).isInstanceOf(IngestVerdict.Accepted.class);

    awaitStored(host, List.of(v1.get(3)));
    awaitCaughtUp(host, pc.url());
    Eventually.untilAsserted(SYNC_DEADLINE, () -> {
      assertThat(pb.openConnections()).as("connections to the dropped relay").isZero();
      assertThat(host.connectionState(pb.url())).as("the dropped relay's meters are gone").isEqualTo(-1);
      assertThat(Meters.gaugeOr(host.meters(), "grasp.sync.relays.tracked")).isEqualTo(2);
    });
    // the issue found on c is a new root event of the repository, so a syncs it too: wait
    awaitCaughtUp(host, pa.url());
  }
}
