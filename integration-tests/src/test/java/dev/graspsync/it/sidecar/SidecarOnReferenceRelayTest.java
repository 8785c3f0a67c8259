package dev.graspsync.it.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.BulkEvents;
import dev.graspsync.it.fixtures.BulkHistory;
import dev.graspsync.it.fixtures.NostrSpec;
import dev.graspsync.it.harness.TcpFaultProxy;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.nostr.event.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference host run without plugins as the operator's relay, reached by the sidecar only
 * over its WebSocket: its GRASP-01 policy refuses what it does not host, and its per-connection
 * rate limit refuses writes that come too fast.
 */
class SidecarOnReferenceRelayTest extends SidecarTestBase {
  private static final Logger log = LoggerFactory.getLogger(SidecarOnReferenceRelayTest.class);

  /**
   * What the relay's policy refuses stays out (and is counted as rejected); what it refuses
   * only for now (rate-limited) is written again until it is in; live events follow.
   */
  @Test
  void refusedEventsStayOutAndRateLimitedOnesAreWrittenLater() {
    ReferenceRelay operator = referenceRelay(Map.of("relay.policy", "grasp",
        "relay.events-per-second", "20", "relay.events-burst", "20"));
    ReferenceRelay external = referenceRelay();
    BulkHistory.Signed hosted = BulkHistory.repo("sidecar-hosted", external.url(), operator.url()).issues(60)
        .comments(20).sign();
    List<Event> notHosted = NostrSpec.create()
        .announcement("repo", "sidecar-not-hosted", List.of(external.url()), -50_000)
        .sign();
    external.publish(vertx, hosted.events()).publish(vertx, notHosted);

    SidecarProcess sidecar = startSidecar(operator.url(), Map.of(), SyncSettings.forTests(external.url()));
    awaitIn(operator.url(), hosted.events());
    awaitSettled(sidecar, external.url());

    assertThat(missingIn(operator.url(), notHosted)).as("the announcement the relay does not host").hasSize(1);
    assertThat(writes(sidecar, "rejected")).as("refused by the relay's policy").isGreaterThanOrEqualTo(1);
    assertThat(writes(sidecar, "retried")).as("refused for now by the relay's rate limit").isGreaterThanOrEqualTo(1);

    Event live = BulkEvents.issue(BulkEvents.repoRef("sidecar-hosted"), "bob", "a live issue", BulkEvents.now());
    external.publish(vertx, List.of(live));
    awaitIn(operator.url(), List.of(live), Duration.ofSeconds(10));
  }

  /**
   * The sidecar restarted resumes from the plugin's sync state in its data directory: what is
   * new on the external relay arrives, and that relay sends at most twice the new events (each
   * may come through the catch-up and the live subscription), not the history again.
   */
  @Test
  void aRestartedSidecarFetchesOnlyWhatIsNew() {
    ReferenceRelay operator = referenceRelay();
    ReferenceRelay external = referenceRelay();
    TcpFaultProxy wire = proxy(external.url());
    BulkHistory.Signed old = BulkHistory.repo("sidecar-resume", wire.url(), operator.url()).withState().issues(300).comments(100)
        .sign();
    external.publish(vertx, old.events());

    SidecarProcess sidecar = startSidecar(operator.url(), Map.of(), SyncSettings.forTests(wire.url()));
    awaitIn(operator.url(), old.events());
    awaitSettled(sidecar, wire.url());
    sidecar.stop();
    long sentBefore = wire.messagesToClient("EVENT");

    long fiveMinutesAgo = BulkEvents.now() - 300;
    List<Event> missed = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      missed.add(BulkEvents.issue(BulkEvents.repoRef("sidecar-resume"), "bob", "new issue " + i, fiveMinutesAgo));
      missed.add(BulkEvents.comment(old.issues().get(i), "carol", "missed comment " + i, fiveMinutesAgo));
    }
    external.publish(vertx, missed);

    sidecar.startAgain();
    awaitIn(operator.url(), missed);
    awaitSettled(sidecar, wire.url());
    long sentAfterRestart = wire.messagesToClient("EVENT") - sentBefore;
    log.info("sidecar resume: {} new events, the external relay sent {} EVENT messages after the restart "
        + "(history {})", missed.size(), sentAfterRestart, old.events().size());
    assertThat(sentAfterRestart).isLessThanOrEqualTo(2L * missed.size());
  }
}
