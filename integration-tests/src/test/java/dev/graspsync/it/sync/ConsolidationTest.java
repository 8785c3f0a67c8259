package dev.graspsync.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.BulkEvents;
import dev.graspsync.it.fixtures.BulkHistory;
import dev.graspsync.it.harness.Meters;
import dev.graspsync.it.harness.TcpFaultProxy;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.event.Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A relay that allows few subscriptions per connection (NIP-11 max_subscriptions, enforced
 * with CLOSED "blocked:") and a repository whose 350 root events come in more batches than
 * the relay allows subscriptions: the host packs live filters into shared subscriptions and
 * consolidates them instead of passing the limit, loses no batch to a refused subscription,
 * and live events for old and new root events still arrive.
 */
class ConsolidationTest extends SyncTestBase {

  @Test
  void aRelayAllowingSixSubscriptionsStillGetsEverythingSyncedAndLive() {
    ReferenceRelay relay = referenceRelay(Map.of("relay.max-subscriptions", "6"));
    TcpFaultProxy wire = proxy(relay.url());
    BulkHistory.Signed signed = BulkHistory.repo("many", wire.url(), OWN_URL).issues(350).comments(350, 7).sign();
    List<Event> history = signed.events();
    List<Event> issues = signed.issues();
    relay.publish(vertx, history);

    EmbeddedHost host = startHost(SyncSettings.forTests(wire.url()));

    awaitStored(host, history);
    awaitCaughtUp(host, wire.url());
    assertThat(Meters.counter(host.meters(), "grasp.sync.batches.failed")).as("batches failed").isZero();
    assertThat(wire.messagesToClient("CLOSED")).as("subscriptions the relay refused").isZero();
    // one live subscription per batch would be six (L1, the repository, four chunks of root events),
    // and the last batch could only have been sent as a seventh: live filters share subscriptions
    assertThat(Meters.gaugeOr(host.meters(), "grasp.sync.relay.subscriptions", "relay", wire.url()))
        .isLessThanOrEqualTo(5);

    List<Event> live = List.of(
        BulkEvents.comment(issues.get(0), "carol", "live on the newest issue", BulkEvents.now()),
        BulkEvents.comment(issues.get(349), "carol", "live on the oldest issue", BulkEvents.now()),
        BulkEvents.issue(BulkEvents.repoRef("many"), "bob", "a live issue", BulkEvents.now()));
    relay.publish(vertx, live);
    awaitStored(host, live, Duration.ofSeconds(5));
  }
}
