package dev.graspsync.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.BulkEvents;
import dev.graspsync.it.fixtures.BulkHistory;
import dev.graspsync.it.harness.Eventually;
import dev.graspsync.it.harness.NostrTestClient;
import dev.graspsync.it.harness.TcpFaultProxy;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A TCP proxy between the host and the relay cuts connections at random points, delays
 * traffic, then blackholes it; events keep being published meanwhile. After the network
 * heals, the host converges to the complete set: history and everything published during
 * the faults (which a quick reconnect fetches with a catch-up from before the disconnect).
 */
class ProxyFaultsTest extends SyncTestBase {

  @Test
  void cutsDelaysAndABlackholeThenHealConvergeToTheCompleteSet() {
    ReferenceRelay relay = referenceRelay(Map.of("relay.max-limit", "100"));
    TcpFaultProxy wire = proxy(relay.url());
    BulkHistory.Signed history = BulkHistory.repo("faults", wire.url(), OWN_URL).issues(400, 2).comments(200).sign();
    List<Event> all = new ArrayList<>(history.events());
    List<Event> issues = history.issues();
    relay.publish(vertx, all);
    // every connection dies after 4 to 40 KB, somewhere in a page of events
    Random random = new Random(42);
    wire.cutEachConnectionAfter(() -> 4_000 + random.nextInt(36_000));

    EmbeddedHost host = startHost(SyncSettings.forTests(wire.url()).with("eose-timeout-seconds", 3));
    try (NostrTestClient publisher = NostrTestClient.connect(vertx, relay.url())) {
      Eventually.await("four connections cut", SYNC_DEADLINE, () -> wire.acceptedConnections() >= 8);
      all.addAll(publishLive(publisher, issues, 0, 5));

      wire.heal();
      wire.delay(Duration.ofMillis(150));
      all.addAll(publishLive(publisher, issues, 5, 5));
      Eventually.await("traffic through the delay", SYNC_DEADLINE, () -> wire.messagesToClient("EVENT") > 0);

      wire.blackhole();
      all.addAll(publishLive(publisher, issues, 10, 5));
      long blackholedAt = System.nanoTime();
      // let the blackhole last past the EOSE timeout, so open batches time out into retries
      Eventually.await("3.5 s of blackhole", Duration.ofSeconds(10),
          () -> System.nanoTime() - blackholedAt > Duration.ofMillis(3500).toNanos());
      all.addAll(publishLive(publisher, issues, 15, 5));
    }
    wire.heal();

    awaitStored(host, all, Duration.ofSeconds(60));
    awaitCaughtUp(host, wire.url());
    assertThat(host.count(Filter.builder().build())).isEqualTo(all.size());
  }

  /** Comments on old issues and new issues, published on the relay while the host's link is faulty. */
  private static List<Event> publishLive(NostrTestClient publisher, List<Event> issues, int from, int count) {
    List<Event> events = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      events.add(BulkEvents.comment(issues.get(300 + i), "carol", "live comment " + i, BulkEvents.now()));
    }
    for (int i = from; i < from + count; i++) {
      events.add(BulkEvents.issue(BulkEvents.repoRef("faults"), "dave", "live issue " + i, BulkEvents.now()));
    }
    publisher.publishAll(events);
    return events;
  }
}
