package dev.graspsync.it.sync;

import static dev.graspsync.it.fixtures.Signed.announcement;
import static dev.graspsync.it.fixtures.Signed.comment;
import static dev.graspsync.it.fixtures.Signed.coordinate;
import static dev.graspsync.it.fixtures.Signed.issue;
import static dev.graspsync.it.fixtures.Signed.state;
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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A repository is its owner's announcement plus its maintainers' (GRASP-01): the maintainers'
 * announcements are stored even when they list other relays, those relays are synced, and
 * everything tagging a maintainer's coordinate comes too.
 */
class MaintainersTest extends SyncTestBase {
  private final Keys owner = Keys.generate();
  private final Keys maintainer = Keys.generate();
  private final Keys bob = Keys.generate();
  private final Keys carol = Keys.generate();

  /**
   * The owner's announcement lists this relay and names a maintainer; the maintainer's lists
   * only another relay, where the maintainer's newer state, an issue tagging the maintainer's
   * coordinate and a comment on it live: all of them are stored.
   */
  @Test
  void aMaintainersRelayAndEverythingOnItIsSynced() {
    ReferenceRelay ownersRelay = referenceRelay();
    ReferenceRelay maintainersRelay = referenceRelay();
    Event ownerAnnouncement = announcement(owner, "proj", List.of(ownersRelay.url(), OWN_URL), List.of(maintainer), -1000);
    Event maintainerAnnouncement = announcement(maintainer, "proj", List.of(maintainersRelay.url()), List.of(owner), -900);
    Event ownerState = state(owner, "proj", "a".repeat(40), -800);
    Event maintainerState = state(maintainer, "proj", "b".repeat(40), -100);
    Event issue = issue(bob, coordinate(maintainer, "proj"), "only on the maintainer's relay", -500);
    Event reply = comment(carol, issue, "and its comment", -400);
    ownersRelay.publish(vertx, List.of(maintainerAnnouncement, ownerState));
    maintainersRelay.publish(vertx, List.of(maintainerAnnouncement, maintainerState, issue, reply));

    EmbeddedHost host = startHost(SyncSettings.forTests());
    assertThat(host.publish(ownerAnnouncement)).isInstanceOf(IngestVerdict.Accepted.class);

    awaitStored(host, List.of(maintainerAnnouncement, ownerState, maintainerState, issue, reply));
    assertThat(Meters.gaugeOr(host.meters(), "grasp.sync.repos.tracked")).as("one repository").isEqualTo(1);
  }

  /** A maintainer's announcement names a further maintainer, whose relay holds an issue. */
  @Test
  void maintainersAreRecursive() {
    Keys second = Keys.generate();
    ReferenceRelay ownersRelay = referenceRelay();
    ReferenceRelay firstRelay = referenceRelay();
    ReferenceRelay secondRelay = referenceRelay();
    Event ownerAnnouncement = announcement(owner, "proj", List.of(ownersRelay.url(), OWN_URL), List.of(maintainer), -1000);
    Event firstAnnouncement = announcement(maintainer, "proj", List.of(firstRelay.url()), List.of(second), -900);
    Event secondAnnouncement = announcement(second, "proj", List.of(secondRelay.url()), List.of(), -800);
    Event issue = issue(bob, coordinate(second, "proj"), "on the second maintainer's relay", -500);
    ownersRelay.publish(vertx, List.of(firstAnnouncement));
    firstRelay.publish(vertx, List.of(secondAnnouncement));
    secondRelay.publish(vertx, List.of(issue));

    EmbeddedHost host = startHost(SyncSettings.forTests());
    assertThat(host.publish(ownerAnnouncement)).isInstanceOf(IngestVerdict.Accepted.class);

    awaitStored(host, List.of(firstAnnouncement, secondAnnouncement, issue));
  }

  /**
   * The maintainer's announcement reaches the host first and is refused (nothing names its
   * author yet) and remembered as refused; the owner's announcement naming the maintainer
   * arrives later: the maintainer's announcement is asked for again, stored, and its relay
   * synced.
   */
  @Test
  void aMaintainersAnnouncementRefusedBeforeTheOwnersIsReconsidered() {
    ReferenceRelay bootstrap = referenceRelay();
    ReferenceRelay maintainersRelay = referenceRelay();
    Event maintainerAnnouncement = announcement(maintainer, "proj", List.of(maintainersRelay.url()), List.of(), -900);
    Event issue = issue(bob, coordinate(maintainer, "proj"), "on the maintainer's relay", -500);
    bootstrap.publish(vertx, List.of(maintainerAnnouncement));
    maintainersRelay.publish(vertx, List.of(issue));

    EmbeddedHost host = startHost(SyncSettings.forTests(bootstrap.url()));
    awaitSettled(host, bootstrap.url());
    assertThat(host.has(maintainerAnnouncement.id())).as("refused while nothing names its author").isFalse();
    Eventually.untilAsserted(SYNC_DEADLINE, () -> assertThat(
        Meters.counter(host.meters(), "grasp.sync.refused.remembered")).isEqualTo(1));

    Event ownerAnnouncement = announcement(owner, "proj", List.of(bootstrap.url(), OWN_URL), List.of(maintainer), -100);
    assertThat(host.publish(ownerAnnouncement)).isInstanceOf(IngestVerdict.Accepted.class);

    awaitStored(host, List.of(maintainerAnnouncement, issue));
  }
}
