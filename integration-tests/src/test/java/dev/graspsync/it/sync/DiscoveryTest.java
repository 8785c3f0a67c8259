package dev.graspsync.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.NostrSpec;
import dev.graspsync.it.harness.Meters;
import dev.graspsync.it.harness.TcpFaultProxy;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.spi.IngestVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which repositories the host syncs, and how it finds the relays to sync them from. */
class DiscoveryTest extends SyncTestBase {

  /**
   * The host's GRASP policy refuses an announcement that does not list it; such a repository
   * never enters the sync index, so neither its issues nor the relays it lists are touched,
   * while a listed repository on the same relay syncs.
   */
  @Test
  void anAnnouncementNotListingThisRelayIsNotSynced() {
    ReferenceRelay bootstrap = referenceRelay();
    ReferenceRelay elsewhere = referenceRelay();
    TcpFaultProxy elsewhereGate = proxy(elsewhere.url());
    List<Event> listed = NostrSpec.create()
        .announcement("repo", "listed", List.of(bootstrap.url(), OWN_URL), -50_000)
        .issue("i1", "repo", "bob", "listed issue", -40_000)
        .comment("c1", "i1", "carol", "on the listed issue", -39_000)
        .sign();
    List<Event> unlisted = NostrSpec.create()
        .announcement("repo", "unlisted", List.of(bootstrap.url(), elsewhereGate.url()), -50_000)
        .issue("i1", "repo", "bob", "unlisted issue", -40_000)
        .comment("c1", "i1", "carol", "on the unlisted issue", -39_000)
        .sign();
    bootstrap.publish(vertx, unlisted).publish(vertx, listed);
    elsewhere.publish(vertx, unlisted);

    EmbeddedHost host = startHost(SyncSettings.forTests(bootstrap.url()));

    awaitStored(host, listed);
    awaitCaughtUp(host, bootstrap.url());
    // caught up: the relay's announcements were offered to the host and judged
    assertThat(Meters.counter(host.meters(), "grasp.sync.events", "layer", "announcements", "verdict", "rejected"))
        .as("the unlisted announcement, refused by the host's policy").isGreaterThanOrEqualTo(1);
    assertThat(host.missing(ids(unlisted))).containsExactlyInAnyOrderElementsOf(ids(unlisted));
    assertThat(Meters.gaugeOr(host.meters(), "grasp.sync.repos.tracked")).isEqualTo(1);
    assertThat(elsewhereGate.acceptedConnections()).as("connections to the relay only the unlisted repo names").isZero();
  }

  /**
   * Issue 4 and the reference's discovery scenario: no bootstrap relay at all; an announcement
   * posted straight to the host names a relay, which gets dialled, and the patch and issue it
   * holds (and a comment on the issue) arrive.
   */
  @Test
  void anAnnouncementPostedToTheHostIsDiscoveredAndItsRelaySynced() {
    ReferenceRelay relay = referenceRelay();
    List<Event> events = NostrSpec.create()
        .announcement("repo", "discovered", List.of(relay.url(), OWN_URL), -50_000)
        .patch("p1", "repo", "bob", -40_000)
        .issue("i1", "repo", "bob", "found through discovery", -39_000)
        .comment("c1", "i1", "carol", "and its comment", -38_000)
        .sign();
    relay.publish(vertx, events.subList(1, events.size()));

    EmbeddedHost host = startHost(SyncSettings.forTests());
    assertThat(host.publish(events.get(0))).isInstanceOf(IngestVerdict.Accepted.class);

    awaitStored(host, events);
    awaitCaughtUp(host, relay.url());
  }

  /** A relay is also implied by an http(s) clone URL: http://host:port/... → ws://host:port. */
  @Test
  void aRelayImpliedByACloneUrlIsSynced() {
    ReferenceRelay relay = referenceRelay();
    String cloneUrl = "http://127.0.0.1:" + relay.port() + "/alice/cloned.git";
    List<Event> events = NostrSpec.create()
        .raw("repo", 30617, List.of(List.of("d", "cloned"), List.of("clone", cloneUrl), List.of("relays", OWN_URL)), "",
            -50_000)
        .sign();
    Event announcement = events.get(0);
    String ref = "30617:" + announcement.pubkey() + ":cloned";
    List<Event> issues = NostrSpec.create()
        .raw("i1", 1621, List.of(List.of("a", ref), List.of("subject", "via the clone URL")), "body", -40_000)
        .sign();
    relay.publish(vertx, issues);

    EmbeddedHost host = startHost(SyncSettings.forTests());
    assertThat(host.publish(announcement)).isInstanceOf(IngestVerdict.Accepted.class);

    awaitStored(host, issues);
    awaitCaughtUp(host, relay.url());
  }
}
