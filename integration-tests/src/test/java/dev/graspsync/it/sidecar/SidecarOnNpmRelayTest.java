package dev.graspsync.it.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.BulkEvents;
import dev.graspsync.it.fixtures.BulkHistory;
import dev.graspsync.it.fixtures.NostrSpec;
import dev.graspsync.it.harness.Eventually;
import dev.graspsync.it.harness.NodeRelay;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * grasp-sync beside a relay that knows nothing of it: the npm relay (@nostr-relay/core, written
 * by others) is the operator's relay, and the sidecar reaches it only over NIP-01.
 */
class SidecarOnNpmRelayTest extends SidecarTestBase {
  private static final Logger log = LoggerFactory.getLogger(SidecarOnNpmRelayTest.class);

  /**
   * The bootstrap relay's history lands in the operator's relay; so does the history of a relay
   * only an announcement names, which the sidecar learns of from its own write coming back on
   * its live subscription (discovery recursing through the operator's relay); and an event
   * published later arrives within seconds.
   */
  @Test
  void historyAndDiscoveredRelaysLandInTheOperatorsRelayAndLiveEventsFollow() {
    NodeRelay operator = nostrRelay();
    ReferenceRelay bootstrap = referenceRelay();
    ReferenceRelay named = referenceRelay();
    BulkHistory.Signed bulk = BulkHistory.repo("sidecar-bulk", bootstrap.url(), operator.url()).withState().issues(300).comments(50)
        .sign();
    List<Event> discovered = NostrSpec.create()
        .announcement("repo", "sidecar-discovered", List.of(bootstrap.url(), named.url(), operator.url()), -50_000)
        .issue("i1", "repo", "bob", "only on the named relay", -40_000)
        .comment("c1", "i1", "carol", "and its comment", -39_000)
        .sign();
    bootstrap.publish(vertx, bulk.events()).publish(vertx, discovered.subList(0, 1));
    named.publish(vertx, discovered.subList(1, discovered.size()));

    SidecarProcess sidecar = startSidecar(operator.url(), Map.of(), SyncSettings.forTests(bootstrap.url()));
    List<Event> all = new ArrayList<>(bulk.events());
    all.addAll(discovered);
    awaitIn(operator.url(), all);
    awaitSettled(sidecar, named.url());
    assertThat(sidecar.health()).isEqualTo(200);
    assertThat(sidecar.get("/sync/status").body()).as("the plugin's page on the sidecar's port").contains(named.url());

    Event live = BulkEvents.issue(BulkEvents.repoRef("sidecar-bulk"), "bob", "a live issue", BulkEvents.now());
    long published = System.nanoTime();
    bootstrap.publish(vertx, List.of(live));
    awaitIn(operator.url(), List.of(live), Duration.ofSeconds(10));
    log.info("live event in the operator's relay {} ms after it was published",
        Duration.ofNanos(System.nanoTime() - published).toMillis());
    assertThat(writes(sidecar, "rejected")).isZero();
  }

  /**
   * The operator's relay killed in the middle of a sync and started again (same port, its
   * events kept on disk): the sidecar reports itself unhealthy meanwhile, reconnects, writes
   * again what had no answer, and in the end the relay holds the whole history.
   */
  @Test
  void theOperatorsRelayRestartedMidSyncLosesNothing() {
    NodeRelay operator = nostrRelay("--persist", dir.resolve("operator.jsonl").toString());
    ReferenceRelay external = referenceRelay();
    BulkHistory.Signed history = BulkHistory.repo("sidecar-restart", external.url(), operator.url()).issues(800).comments(200).sign();
    external.publish(vertx, history.events());

    SidecarProcess sidecar = startSidecar(operator.url(), Map.of(), SyncSettings.forTests(external.url()));
    Eventually.await("the sync under way", SYNC_DEADLINE,
        () -> history.events().size() - missingIn(operator.url(), history.events()).size() >= 50);
    operator.kill();
    Eventually.await("/health unhealthy while the relay is down", Duration.ofSeconds(10), () -> sidecar.health() == 503);
    operator.restart();

    awaitIn(operator.url(), history.events());
    Eventually.await("/health healthy again", Duration.ofSeconds(10), () -> sidecar.health() == 200);
    assertThat(sidecar.metric("sidecar_relay_reconnects_total")).isGreaterThanOrEqualTo(1);
  }

  /**
   * An operator's relay that lets nobody read or write before NIP-42 authentication: the
   * sidecar answers its challenge with sidecar.auth-secret-key, and what was refused for want
   * of it is asked and written again.
   */
  @Test
  void aRelayDemandingAuthenticationGetsTheSidecarsKey() {
    NodeRelay operator = nostrRelay("--auth");
    ReferenceRelay external = referenceRelay();
    BulkHistory.Signed history = BulkHistory.repo("sidecar-auth", external.url(), operator.url()).issues(30).sign();
    external.publish(vertx, history.events());

    startSidecar(operator.url(), Map.of("sidecar.auth-secret-key", BulkEvents.key("sidecar").secretHex()),
        SyncSettings.forTests(external.url()));

    Optional<Keys> checker = Optional.of(BulkEvents.key("checker"));
    Eventually.untilAsserted(SYNC_DEADLINE, () -> assertThat(missingIn(operator.url(), history.events(), checker))
        .as("events not in the operator's relay yet").isEmpty());
  }
}
