package dev.graspsync.it.reconcile;

import static dev.graspsync.it.fixtures.Signed.announcement;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NIP-77 end to end, against the @nostr-relay relay answering NEG-* with applesauce's negentropy
 * (written by others) and against the reference host serving it from its RocksDB store: history
 * comes by reconciliation and costs about the history once; a full sync of an unchanged relay
 * costs no EVENT at all, refused announcements included; a relay without NIP-77, one bounding the records of a reconciliation,
 * one with a 4 KiB frame limit, one answering NEG with garbage or another version each still
 * deliver everything.
 */
class ReconciliationTest extends SyncTestBase {
  private static final Logger log = LoggerFactory.getLogger(ReconciliationTest.class);

  /** A host synced from a relay behind a proxy: the relay holds a repository with {@code issues} issues and comments. */
  private record Synced(EmbeddedHost host, TcpFaultProxy wire, List<Event> history) {}

  private Synced syncFromNostrRelay(String d, int issues, SyncSettings settings, String... relayArgs) {
    NodeRelay relay = nostrRelay(relayArgs);
    return syncFrom(relay.url(), history -> {
      try (NostrTestClient client = NostrTestClient.connect(vertx, relay.url())) {
        client.publishAll(history);
      }
    }, d, issues, settings);
  }

  /** The reference host as the external relay: it serves NIP-77 from its RocksDB store. */
  private Synced syncFromReferenceRelay(String d, int issues, SyncSettings settings, Map<String, String> relayConfig) {
    ReferenceRelay relay = referenceRelay(relayConfig);
    return syncFrom(relay.url(), history -> relay.publish(vertx, history), d, issues, settings);
  }

  private Synced syncFrom(String relayUrl, Consumer<List<Event>> publish, String d, int issues, SyncSettings settings) {
    TcpFaultProxy wire = proxy(relayUrl);
    List<Event> history = BulkHistory.repo(d, wire.url(), OWN_URL).withState().issues(issues).comments(issues / 3)
        .sign().events();
    publish.accept(history);
    EmbeddedHost host = startHost(settings.with("bootstrap-relays", wire.url()));
    awaitStored(host, history);
    awaitSettled(host, wire.url());
    return new Synced(host, wire, history);
  }

  private Synced syncFromNostrRelay(String d, int issues, String... relayArgs) {
    return syncFromNostrRelay(d, issues, SyncSettings.forTests(), relayArgs);
  }

  /** Reconciliation cost about the history once: no more EVENTs than events, plus a page boundary's repeats. */
  private static void assertServedAboutOnce(Synced s) {
    assertThat(s.wire().messagesToClient("EVENT")).as("EVENTs served for the history")
        .isLessThanOrEqualTo((long) (s.history().size() * 1.05));
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
    // every reconnection is a full sync
    Synced s = syncFromNostrRelay("reconciled", 400, SyncSettings.forTests().with("quick-reconnect-window-seconds", 0),
        "--negentropy", "--max-limit", "100", "--default-limit", "100");
    assertReconciledThenAFullSyncFetchesNothing(s);
  }

  @Test
  void theReferenceHostServesHistoryByReconciliationAndAFullSyncFetchesNothing() {
    Synced s = syncFromReferenceRelay("reference", 400,
        SyncSettings.forTests().with("quick-reconnect-window-seconds", 0), Map.of());
    assertReconciledThenAFullSyncFetchesNothing(s);
  }

  @Test
  void theReferenceHostsBoundOnRecordsSplitsTheFilters() {
    Synced s = syncFromReferenceRelay("reference-sliced", 300, SyncSettings.forTests(),
        Map.of("relay.negentropy-max-records", "60"));

    assertThat(Meters.counter(s.host().meters(), "grasp.sync.reconciliations", "outcome", "split")).isPositive();
    assertThat(allFallbacks(s.host())).isZero();
    assertServedAboutOnce(s);
  }

  /**
   * Announcements of repositories hosted elsewhere are fetched and refused; once remembered, a
   * full sync by reconciliation counts them among the ids it has, so the relay sends none of
   * them again. (A refusal racing with an accepted announcement is not remembered: the first
   * sync may keep only some, a full sync after an outage the rest.)
   */
  @Test
  void refusedAnnouncementsAreNotReconciledInAgain() {
    ReferenceRelay relay = referenceRelay();
    List<Event> strangers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      // older than the live subscriptions' look-back: only a full sync asks for them
      strangers.add(announcement(Keys.generate(), "elsewhere-" + i, List.of(relay.url()), List.of(), -600));
    }
    relay.publish(vertx, strangers);
    Synced s = syncFrom(relay.url(), history -> relay.publish(vertx, history), "beside-strangers", 40,
        SyncSettings.forTests().with("quick-reconnect-window-seconds", 0));
    if (Meters.counter(s.host().meters(), "grasp.sync.refused.remembered") < strangers.size()) {
      fullSyncAfterAnOutage(s);
    }
    Eventually.untilAsserted(SYNC_DEADLINE, () ->
        assertThat(Meters.counter(s.host().meters(), "grasp.sync.refused.remembered")).isEqualTo(strangers.size()));
    long served = s.wire().messagesToClient("EVENT");

    fullSyncAfterAnOutage(s);
    assertThat(s.wire().messagesToClient("EVENT") - served).as("EVENTs re-served, refused announcements included")
        .isZero();
  }

  private void fullSyncAfterAnOutage(Synced s) {
    double reconciledBefore = reconciled(s.host());
    s.wire().cutAll();
    Eventually.await("a full sync after the outage", SYNC_DEADLINE, () -> reconciled(s.host()) > reconciledBefore);
    awaitSettled(s.host(), s.wire().url());
  }

  private void assertReconciledThenAFullSyncFetchesNothing(Synced s) {
    long served = s.wire().messagesToClient("EVENT");
    log.info("reconciled history: {} events, relay sent {} EVENTs", s.history().size(), served);
    assertServedAboutOnce(s);
    assertThat(reconciled(s.host())).isPositive();
    assertThat(allFallbacks(s.host())).isZero();
    // filters of different layers overlap (an issue is a repo event and a root event), so ids repeat
    assertThat(Meters.counter(s.host().meters(), "grasp.sync.reconcile.ids", "kind", "need"))
        .isGreaterThanOrEqualTo(s.history().size());

    fullSyncAfterAnOutage(s);
    long again = s.wire().messagesToClient("EVENT") - served;
    log.info("full sync after an outage: relay sent {} EVENTs", again);
    assertThat(again).as("EVENTs re-served by a full sync of an unchanged relay").isZero();
    assertThat(s.host().count(Filter.builder().build())).isEqualTo(s.history().size());
  }

  @Test
  void aRelayWithoutNip77IsSyncedByPagedReqs() {
    Synced s = syncFromNostrRelay("plain", 150, "--max-limit", "100", "--default-limit", "100");

    assertThat(fallbacks(s.host(), "notice")).as("the NOTICE answering NEG-OPEN").isPositive();
    assertThat(reconciled(s.host())).isZero();
  }

  @Test
  void aRelayBoundingRecordsPerReconciliationIsReconciledInTimeSlices() {
    Synced s = syncFromNostrRelay("sliced", 300, "--negentropy", "--neg-max-records", "60", "--max-limit", "100");

    assertThat(Meters.counter(s.host().meters(), "grasp.sync.reconciliations", "outcome", "split")).isPositive();
    assertThat(allFallbacks(s.host())).isZero();
    assertServedAboutOnce(s);
  }

  @Test
  void aFourKilobyteFrameLimitTakesMoreRoundsNotMoreEvents() {
    Synced s = syncFromNostrRelay("framed", 600, "--negentropy", "--neg-frame-size", "4096", "--max-limit", "500");

    assertThat(allFallbacks(s.host())).isZero();
    // 600 issue ids do not fit one 4 KiB frame (128 ids each)
    assertThat(Meters.counter(s.host().meters(), "grasp.sync.reconcile.bytes", "direction", "received"))
        .isGreaterThan(600 * 32);
    assertServedAboutOnce(s);
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
