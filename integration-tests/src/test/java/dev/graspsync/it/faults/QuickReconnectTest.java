package dev.graspsync.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.BulkEvents;
import dev.graspsync.it.fixtures.NostrSpec;
import dev.graspsync.it.harness.Eventually;
import dev.graspsync.it.harness.Meters;
import dev.graspsync.it.harness.TcpFaultProxy;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.event.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference's defect 2: after a short outage it rebuilt only live subscriptions (with a
 * 1970 {@code since}), so L2 and L3 events missed meanwhile came back only at the daily
 * resync. Here events the relay receives during the outage, dated five minutes back (older
 * than any live look-back), arrive as soon as the host reconnects: the quick reconnect
 * re-subscribes every confirmed item with history since the disconnect minus 15 minutes.
 */
class QuickReconnectTest extends SyncTestBase {

  @Test
  void eventsMissedDuringAShortOutageArriveOnReconnect() {
    ReferenceRelay relay = referenceRelay();
    TcpFaultProxy wire = proxy(relay.url());
    List<Event> history = NostrSpec.create()
        .announcement("repo", "outage", List.of(wire.url(), OWN_URL), -50_000)
        .issue("i1", "repo", "bob", "an issue", -40_000)
        .sign();
    relay.publish(vertx, history);
    EmbeddedHost host = startHost(SyncSettings.forTests(wire.url()));
    awaitStored(host, history);
    awaitSettled(host, wire.url());

    wire.refuseNew();
    wire.cutAll();
    Eventually.await("the host saw the outage", SYNC_DEADLINE, () -> host.connectionState(wire.url()) == 0);
    long fiveMinutesAgo = BulkEvents.now() - 300;
    List<Event> missed = new ArrayList<>();
    missed.add(BulkEvents.issue(BulkEvents.repoRef("outage"), "bob", "L2 during the outage", fiveMinutesAgo));
    missed.add(BulkEvents.comment(history.get(1), "carol", "L3 during the outage", fiveMinutesAgo));
    relay.publish(vertx, missed);
    wire.heal();

    awaitStored(host, missed);
    awaitCaughtUp(host, wire.url());
    assertThat(Meters.counter(host.meters(), "grasp.sync.gap.events", "relay", wire.url()))
        .as("found by the catch-up, missed by live sync").isEqualTo(2);
  }
}
