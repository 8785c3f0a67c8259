package dev.graspsync.it.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NIP-77 end to end against the @nostr-relay relay answering NEG-* with applesauce's negentropy
 * (written by others): history comes by reconciliation and costs about the history once; a full
 * sync of an unchanged relay costs no EVENT at all; a relay without NIP-77, one bounding the
 * records of a reconciliation, one with a 4 KiB frame limit each still deliver everything.
 */
class ReconciliationTest extends SyncTestBase {
  private static final Logger log = LoggerFactory.getLogger(ReconciliationTest.class);

  private List<Event> publishHistory(NodeRelay relay, String d, String listedUrl, int issues) {
    List<Event> history = BulkHistory.repo(d, listedUrl, OWN_URL).withState().issues(issues).comments(issues / 3)
        .sign().events();
    try (NostrTestClient client = NostrTestClient.connect(vertx, relay.url())) {
      client.publishAll(history);
    }
    return history;
  }

  private static double reconciled(EmbeddedHost host) {
    return Meters.counter(host.meters(), "grasp.sync.reconciliations", "outcome", "reconciled");
  }

  private static double fallbacks(EmbeddedHost host, String reason) {
    return Meters.counter(host.meters(), "grasp.sync.reconcile.fallbacks", "reason", reason);
  }

  private static double allFallbacks(EmbeddedHost host) {
    return host.meters().find("grasp.sync.reconcile.fallbacks").counters().stream().mapToDouble(c -> c.count()).sum();
  }

  @Test
  void historyByReconciliationThenAFullSyncAfterAnOutageFetchesNothing() {
    NodeRelay relay = nostrRelay("--negentropy", "--max-limit", "100", "--default-limit", "100");
    TcpFaultProxy wire = proxy(relay.url());
    List<Event> history = publishHistory(relay, "reconciled", wire.url(), 400);
    // every reconnection is a full sync
    EmbeddedHost host = startHost(SyncSettings.forTests(wire.url()).with("quick-reconnect-window-seconds", 0));

    awaitStored(host, history);
    awaitSettled(host, wire.url());
    long served = wire.messagesToClient("EVENT");
    log.info("reconciled history: {} events, relay sent {} EVENTs", history.size(), served);
    assertThat(served).as("EVENTs served for the history").isLessThanOrEqualTo((long) (history.size() * 1.05));
    assertThat(reconciled(host)).isPositive();
    assertThat(allFallbacks(host)).isZero();
    // filters of different layers overlap (an issue is a repo event and a root event), so ids repeat
    assertThat(Meters.counter(host.meters(), "grasp.sync.reconcile.ids", "kind", "need"))
        .isGreaterThanOrEqualTo(history.size());

    double reconciledBefore = reconciled(host);
    wire.cutAll();
    Eventually.await("a full sync after the outage", SYNC_DEADLINE, () -> reconciled(host) > reconciledBefore);
    awaitSettled(host, wire.url());
    long again = wire.messagesToClient("EVENT") - served;
    log.info("full sync after an outage: relay sent {} EVENTs", again);
    assertThat(again).as("EVENTs re-served by a full sync of an unchanged relay").isZero();
    assertThat(host.count(dev.graspsync.nostr.filter.Filter.builder().build())).isEqualTo(history.size());
  }

  @Test
  void aRelayWithoutNip77IsSyncedByPagedReqs() {
    NodeRelay relay = nostrRelay("--max-limit", "100", "--default-limit", "100");
    TcpFaultProxy wire = proxy(relay.url());
    List<Event> history = publishHistory(relay, "plain", wire.url(), 150);

    EmbeddedHost host = startHost(SyncSettings.forTests(wire.url()));

    awaitStored(host, history);
    awaitSettled(host, wire.url());
    assertThat(fallbacks(host, "notice")).as("the NOTICE answering NEG-OPEN").isPositive();
    assertThat(reconciled(host)).isZero();
  }

  @Test
  void aRelayBoundingRecordsPerReconciliationIsReconciledInTimeSlices() {
    NodeRelay relay = nostrRelay("--negentropy", "--neg-max-records", "60", "--max-limit", "100");
    TcpFaultProxy wire = proxy(relay.url());
    List<Event> history = publishHistory(relay, "sliced", wire.url(), 300);

    EmbeddedHost host = startHost(SyncSettings.forTests(wire.url()));

    awaitStored(host, history);
    awaitSettled(host, wire.url());
    assertThat(Meters.counter(host.meters(), "grasp.sync.reconciliations", "outcome", "split")).isPositive();
    assertThat(allFallbacks(host)).isZero();
    assertThat(wire.messagesToClient("EVENT")).isLessThanOrEqualTo((long) (history.size() * 1.05));
  }

  @Test
  void aFourKilobyteFrameLimitTakesMoreRoundsNotMoreEvents() {
    NodeRelay relay = nostrRelay("--negentropy", "--neg-frame-size", "4096", "--max-limit", "500");
    TcpFaultProxy wire = proxy(relay.url());
    List<Event> history = publishHistory(relay, "framed", wire.url(), 900);

    EmbeddedHost host = startHost(SyncSettings.forTests(wire.url()));

    awaitStored(host, history);
    awaitSettled(host, wire.url());
    assertThat(allFallbacks(host)).isZero();
    // 900 issue ids do not fit one 4 KiB frame (128 ids each)
    assertThat(Meters.counter(host.meters(), "grasp.sync.reconcile.bytes", "direction", "received"))
        .isGreaterThan(900 * 32);
    assertThat(wire.messagesToClient("EVENT")).isLessThanOrEqualTo((long) (history.size() * 1.05));
  }

  @Test
  void aRelayAnsweringNegWithGarbageOrAnotherVersionIsSyncedByReqs() {
    NodeRelay garbage = cleanup.add(NodeRelay.hostileRelay("--mode", "garbage", "--neg", "garbage"));
    NodeRelay version = cleanup.add(NodeRelay.hostileRelay("--mode", "garbage", "--neg", "version"));

    EmbeddedHost host = startHost(SyncSettings.forTests(garbage.url(), version.url()));

    awaitCaughtUp(host, garbage.url());
    awaitCaughtUp(host, version.url());
    assertThat(fallbacks(host, "malformed")).isPositive();
    assertThat(fallbacks(host, "version")).isPositive();
    assertThat(reconciled(host)).isZero();
  }
}
