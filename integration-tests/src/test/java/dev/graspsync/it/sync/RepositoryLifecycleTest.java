package dev.graspsync.it.sync;

import static dev.graspsync.it.fixtures.Signed.announcement;
import static dev.graspsync.it.fixtures.Signed.coordinate;
import static dev.graspsync.it.fixtures.Signed.event;
import static dev.graspsync.it.fixtures.Signed.issue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.harness.Eventually;
import dev.graspsync.it.harness.Meters;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.spi.IngestVerdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What ends or spares sync work: refusals remembered across a restart, an owner's update that
 * stops listing this relay, a deletion of a root event.
 */
class RepositoryLifecycleTest extends SyncTestBase {
  private static final int REFUSED = 20;
  private final Keys owner = Keys.generate();
  private final Keys bob = Keys.generate();

  private static double rejected(EmbeddedHost host) {
    double sum = 0;
    for (String layer : List.of("announcements", "state", "repo", "root", "catch-up")) {
      sum += Meters.counter(host.meters(), "grasp.sync.events", "layer", layer, "verdict", "rejected");
    }
    return sum;
  }

  /** A host whose repository (announced to it, listing {@code relay}) has synced {@code issue} from the relay. */
  private EmbeddedHost hostSyncing(ReferenceRelay relay, Event issue) {
    relay.publish(vertx, List.of(issue));
    EmbeddedHost host = startHost(SyncSettings.forTests());
    assertThat(host.publish(announcement(owner, "proj", List.of(relay.url(), OWN_URL), List.of(), -1000)))
        .isInstanceOf(IngestVerdict.Accepted.class);
    awaitStored(host, List.of(issue));
    return host;
  }

  /**
   * A relay holds twenty announcements that do not list this relay. The first sync fetches,
   * verifies and refuses them; after a restart the catch-up gets them again, and they are
   * skipped unverified: not one reaches the host's ingest.
   */
  @Test
  void refusedAnnouncementsAreNotJudgedAgainAfterARestart() {
    ReferenceRelay relay = referenceRelay();
    List<Event> strangers = new ArrayList<>();
    for (int i = 0; i < REFUSED; i++) {
      // recent enough for the restart's catch-up (15 minutes back) to fetch them again
      strangers.add(announcement(Keys.generate(), "elsewhere-" + i, List.of(relay.url()), List.of(), -60));
    }
    relay.publish(vertx, strangers);
    SyncSettings settings = SyncSettings.forTests(relay.url());

    EmbeddedHost first = startHost(settings);
    awaitSettled(first, relay.url());
    Eventually.untilAsserted(SYNC_DEADLINE, () -> assertThat(rejected(first)).isEqualTo(REFUSED));
    assertThat(Meters.counter(first.meters(), "grasp.sync.refused.remembered")).isEqualTo(REFUSED);
    first.close();

    EmbeddedHost second = startHost(settings);
    awaitSettled(second, relay.url());
    Eventually.untilAsserted(SYNC_DEADLINE, () ->
        assertThat(Meters.counter(second.meters(), "grasp.sync.refused.skipped")).isEqualTo(REFUSED));
    assertThat(rejected(second)).as("refusals handed to the host again").isZero();
    assertThat(Meters.gaugeOr(second.meters(), "grasp.sync.refused.ids")).isEqualTo(REFUSED);
  }

  /**
   * The owner's newer announcement no longer lists this relay: the host takes the update, the
   * repository is no longer synced and its relay, needed by nothing else, is let go.
   */
  @Test
  void anOwnersUpdateDroppingThisRelayStopsTheSync() {
    ReferenceRelay relay = referenceRelay();
    Event issue = issue(bob, coordinate(owner, "proj"), "synced while listed", -500);
    EmbeddedHost host = hostSyncing(relay, issue);
    assertThat(Meters.gaugeOr(host.meters(), "grasp.sync.relays.tracked")).isEqualTo(1);

    Event update = announcement(owner, "proj", List.of(relay.url()), List.of(), -10);
    assertThat(host.publish(update)).as("the owner's update of a hosted repository").isInstanceOf(IngestVerdict.Accepted.class);

    Eventually.untilAsserted(SYNC_DEADLINE, () -> {
      assertThat(Meters.gaugeOr(host.meters(), "grasp.sync.repos.tracked")).isZero();
      assertThat(Meters.gaugeOr(host.meters(), "grasp.sync.relays.tracked")).as("the relay let go").isZero();
    });
  }

  /** The issue's author deletes it (NIP-09): the host removes it and the index stops syncing it. */
  @Test
  void aDeletedRootEventIsNoLongerSynced() {
    ReferenceRelay relay = referenceRelay();
    Event issue = issue(bob, coordinate(owner, "proj"), "to be deleted", -500);
    EmbeddedHost host = hostSyncing(relay, issue);
    Eventually.untilAsserted(SYNC_DEADLINE, () ->
        assertThat(Meters.gaugeOr(host.meters(), "grasp.sync.root.events.tracked")).isEqualTo(1));

    Event deletion = event(bob, 5, -1, List.of(List.of("e", issue.id()), List.of("k", "1621")), "mistake");
    assertThat(host.publish(deletion)).isInstanceOf(IngestVerdict.Accepted.class);

    Eventually.untilAsserted(SYNC_DEADLINE, () ->
        assertThat(Meters.gaugeOr(host.meters(), "grasp.sync.root.events.tracked")).isZero());
    assertThat(host.has(issue.id())).isFalse();
    assertThat(Meters.gaugeOr(host.meters(), "grasp.sync.repos.tracked")).as("the repository still syncs").isEqualTo(1);
  }
}
