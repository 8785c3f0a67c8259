package dev.graspsync.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.BulkEvents;
import dev.graspsync.it.fixtures.BulkHistory;
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
 * Relays that enforce a capacity limit without announcing it in NIP-11, and say so only by
 * refusing a REQ with CLOSED ({@code error: too many concurrent REQs}, {@code invalid: too many
 * filters}). The host learns the limit from the refusal: it stays within it, retries the
 * refused history instead of giving it up, and lays its live subscriptions out again so that
 * live events on old and new root events still arrive.
 *
 * <p>The repository has 350 issues and 50 comments: four batches of root events, which sent
 * together beside the live subscriptions already open are more than the first relay lets a
 * connection hold, and whose live filters are more than the second relay takes in one REQ.
 */
class CapacityRefusalTest extends SyncTestBase {
  private static final int ISSUES = 350;
  /** Live events arrive within this once the history is done (LiveSyncTest measures milliseconds). */
  private static final Duration LIVE_DEADLINE = Duration.ofSeconds(5);
  /** Keeps batches sent together open together, as a distant relay would. */
  private static final Duration LATENCY = Duration.ofMillis(50);

  /** Four subscriptions a connection; the host starts from its own threshold of 70. */
  @Test
  void aRelayRefusingAFifthSubscriptionGetsEverythingSyncedAndLive() {
    Synced synced = syncThroughRefusals("--refuse-subscriptions-over", "4", "--log-level", "DEBUG");
    // the last refusal may still be re-laying out: the count settles within the relay's limit
    Eventually.untilAsserted(SYNC_DEADLINE, () ->
        assertThat(synced.subscriptions()).as("subscriptions the host holds on the relay").isBetween(1, 4));

    assertLiveEventsArrive(synced);
    assertThat(synced.subscriptions())
        .as("subscriptions the host holds on the relay, live events flowing").isBetween(1, 4);
  }

  /** Five filters a REQ; the host packs up to 20 into a live subscription unless told less. */
  @Test
  void aRelayRefusingRequestsOfMoreThanFiveFiltersGetsEverythingSyncedAndLive() {
    Synced synced = syncThroughRefusals("--refuse-filters-over", "5");

    assertLiveEventsArrive(synced);
  }

  /** A host synced through a delaying proxy from a relay that refuses some REQs. */
  private record Synced(NodeRelay relay, TcpFaultProxy wire, EmbeddedHost host, List<Event> issues) {
    int subscriptions() {
      return Meters.gaugeOr(host.meters(), "grasp.sync.relay.subscriptions", "relay", wire.url());
    }
  }

  /**
   * Starts a relay with {@code relayArgs} holding the repository and a host syncing from it, and
   * waits until the host has the whole history, the relay has refused a REQ, and no batch failed.
   */
  private Synced syncThroughRefusals(String... relayArgs) {
    NodeRelay relay = nostrRelay(relayArgs);
    TcpFaultProxy wire = proxy(relay.url());
    BulkHistory.Signed signed = publishHistory(relay, wire);
    wire.delay(LATENCY);

    EmbeddedHost host = startHost(settings(wire));

    awaitStored(host, signed.events());
    awaitCaughtUp(host, wire.url());
    awaitRefusal(relay, wire);
    assertNoBatchFailed(host);
    return new Synced(relay, wire, host, signed.issues());
  }

  private static void assertNoBatchFailed(EmbeddedHost host) {
    assertThat(Meters.counter(host.meters(), "grasp.sync.batches.failed")).as("batches failed").isZero();
  }

  /**
   * The plugin's default batch window: the 350 issues are found in one window, so their four
   * batches go out together. The tests' usual 50 ms lets discovery trickle, each batch going
   * out alone and finishing before the next, and the relay might never have to refuse.
   */
  private static SyncSettings settings(TcpFaultProxy wire) {
    return SyncSettings.forTests(wire.url()).with("batch-window-ms", 1000);
  }

  /** The relay refused at least one REQ (the last refusals come as live subscriptions open, after the history). */
  private static void awaitRefusal(NodeRelay relay, TcpFaultProxy wire) {
    Eventually.await("a CLOSED from the relay (" + relay.log() + ")", SYNC_DEADLINE,
        () -> wire.messagesToClient("CLOSED") > 0);
  }

  /** The repository, announced with the proxied relay, published straight to the relay. */
  private BulkHistory.Signed publishHistory(NodeRelay relay, TcpFaultProxy wire) {
    BulkHistory.Signed signed = BulkHistory.repo("refusing", wire.url(), OWN_URL)
        .issues(ISSUES).comments(ISSUES, 7).sign();
    try (NostrTestClient client = NostrTestClient.connect(vertx, relay.url())) {
      client.publishAll(signed.events());
    }
    return signed;
  }

  /**
   * Comments on the newest and the oldest issue (L3 of the first and last batch) and a new issue
   * (L2) reach the host, and still no batch failed.
   */
  private void assertLiveEventsArrive(Synced synced) {
    List<Event> issues = synced.issues();
    List<Event> live = List.of(
        BulkEvents.comment(issues.get(0), "carol", "live on the newest issue", BulkEvents.now()),
        BulkEvents.comment(issues.get(ISSUES - 1), "carol", "live on the oldest issue", BulkEvents.now()),
        BulkEvents.issue(BulkEvents.repoRef("refusing"), "bob", "a live issue", BulkEvents.now()));
    try (NostrTestClient client = NostrTestClient.connect(vertx, synced.relay().url())) {
      client.publishAll(live);
    }
    awaitStored(synced.host(), live, LIVE_DEADLINE);
    assertNoBatchFailed(synced.host());
  }
}
