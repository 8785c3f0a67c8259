package dev.graspsync.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.BulkEvents;
import dev.graspsync.it.fixtures.BulkHistory;
import dev.graspsync.it.harness.Eventually;
import dev.graspsync.it.harness.Meters;
import dev.graspsync.it.harness.NodeRelay;
import dev.graspsync.it.harness.NostrTestClient;
import dev.graspsync.it.harness.TcpFaultProxy;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A repository lists a good relay and a hostile one. The hostile relay answers every REQ with
 * garbage frames, events whose id does not match, events with bad signatures, valid events
 * matching none of the REQ's filters, events for subscriptions never opened, a flood of
 * filter-shaped events, and a 5 MiB message. The host stores none of it, keeps syncing from
 * the good relay, history and live, and its heap stays bounded.
 */
class HostileRelayTest extends SyncTestBase {
  private static final Logger log = LoggerFactory.getLogger(HostileRelayTest.class);
  private static final int FLOOD = 5000;

  @Test
  void aHostileRelayGetsNothingStoredAndDoesNotStopTheGoodOne() throws Exception {
    ReferenceRelay good = referenceRelay();
    NodeRelay hostile = cleanup.add(NodeRelay.hostileRelay(
        "--mode", "garbage,bad-id,bad-sig,mismatch,unknown-sub,flood,huge",
        "--flood-count", Integer.toString(FLOOD), "--count", "20"));
    TcpFaultProxy hostileWire = proxy(hostile.url());
    List<Event> history = BulkHistory.repo("besieged", hostileWire.url(), good.url(), OWN_URL).issues(100).comments(100)
        .sign().events();
    good.publish(vertx, history);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();

    EmbeddedHost host = startHost(SyncSettings.forTests(good.url()));

    awaitStored(host, history);
    awaitCaughtUp(host, good.url());
    // two rounds: the 5 MiB message ends a connection (past the frame cap), the host comes back for more
    Eventually.await("two rounds of the hostile relay's answers", SYNC_DEADLINE,
        () -> hostileWire.messagesToClient("EVENT") >= 2L * FLOOD && hostileWire.acceptedConnections() >= 4);
    // live sync from the good relay goes on under the siege
    Event live = BulkEvents.issue(BulkEvents.repoRef("besieged"), "bob", "live under siege", BulkEvents.now());
    try (NostrTestClient client = NostrTestClient.connect(vertx, good.url())) {
      assertThat(client.publish(live).accepted()).isTrue();
    }
    awaitStored(host, List.of(live), Duration.ofSeconds(5));

    // the live issue is a new root event: the good relay syncs its thread, then is live again
    awaitCaughtUp(host, good.url());
    assertThat(host.count(Filter.builder().authors(List.of(hostilePubkey())).build()))
        .as("events by the hostile relay's key").isZero();
    assertThat(host.count(Filter.builder().build())).as("everything stored").isEqualTo(history.size() + 1);
    assertThat(Meters.counter(host.meters(), "grasp.sync.events", "verdict", "rejected"))
        .as("hostile events that reached the host's ingest and were refused there").isGreaterThan(0);
    memory.gc();
    long growth = memory.getHeapMemoryUsage().getUsed() - heapBefore;
    log.info("hostile: the relay sent {} EVENT messages over {} connections; heap {} MiB above the start after GC",
        hostileWire.messagesToClient("EVENT"), hostileWire.acceptedConnections(), growth >> 20);
    assertThat(growth).as("heap growth after GC, bytes").isLessThan(64L << 20);
  }

  /** The hostile relay's key: sha256("grasp-sync hostile relay key") (relays/lib/hostile-payloads.mjs). */
  private static String hostilePubkey() throws Exception {
    byte[] secret = MessageDigest.getInstance("SHA-256").digest("grasp-sync hostile relay key".getBytes(StandardCharsets.UTF_8));
    return Keys.fromSecretHex(HexFormat.of().formatHex(secret)).publicKeyHex();
  }
}
