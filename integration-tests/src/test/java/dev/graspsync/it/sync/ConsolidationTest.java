package dev.graspsync.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.BulkEvents;
import dev.graspsync.it.fixtures.NostrSpec;
import dev.graspsync.it.harness.Meters;
import dev.graspsync.it.harness.TcpFaultProxy;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.event.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A relay that allows few subscriptions per connection (NIP-11 max_subscriptions, enforced
 * with CLOSED "blocked:") and a repository whose 350 root events come in more batches than
 * the relay allows subscriptions (each batch keeps a live subscription): the host consolidates
 * confirmed items into fewer subscriptions instead of passing the limit, loses no batch to a
 * refused subscription, and live events for old and new root events still arrive.
 *
 * <p>Capacity: one live subscription covers at most {@code filter-chunk-size} (100) root
 * events, so a relay allowing N subscriptions carries about (N − 2) · 100 root events live;
 * beyond that the extra batch is refused by the relay and counted as failed.
 */
class ConsolidationTest extends SyncTestBase {

  @Test
  void aRelayAllowingSixSubscriptionsStillGetsEverythingSyncedAndLive() {
    ReferenceRelay relay = referenceRelay(Map.of("relay.max-subscriptions", "6"));
    TcpFaultProxy wire = proxy(relay.url());
    List<Event> history = new ArrayList<>(NostrSpec.create()
        .announcement("repo", "many", List.of(wire.url(), OWN_URL), -200_000)
        .sign());
    List<Event> issues = BulkEvents.issues(BulkEvents.repoRef("many"), "bob", 350, BulkEvents.now() - 100_000, 1);
    history.addAll(issues);
    for (int i = 0; i < 350; i += 7) {
      history.add(BulkEvents.comment(issues.get(i), "carol", "comment " + i, BulkEvents.now() - 90_000 + i));
    }
    relay.publish(vertx, history);

    EmbeddedHost host = startHost(SyncSettings.forTests(wire.url()));

    awaitStored(host, history);
    awaitCaughtUp(host, wire.url());
    assertThat(Meters.counter(host.meters(), "grasp.sync.batches.failed")).as("batches failed").isZero();
    assertThat(wire.messagesToClient("CLOSED")).as("subscriptions the relay refused").isZero();
    // one live subscription per batch would be six (L1, the repository, four chunks of root events),
    // and the last batch could only have been sent as a seventh: consolidation merged them
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
