package dev.graspsync.sync.plan;

import static dev.graspsync.sync.fixtures.TestEvents.announcement;
import static dev.graspsync.sync.fixtures.TestEvents.pubkey;
import static dev.graspsync.sync.fixtures.TestEvents.rootEvent;
import static dev.graspsync.sync.fixtures.TestEvents.tag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Nip34;
import dev.graspsync.sync.index.IndexRules;
import dev.graspsync.sync.index.IndexUpdate;
import dev.graspsync.sync.index.RepoIndex;
import dev.graspsync.sync.index.RepoRef;
import dev.graspsync.sync.relay.AddressPolicy;
import dev.graspsync.sync.relay.RelayUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RelayTargetsTest {
  private final RepoIndex empty = RepoIndex.empty(
      new IndexRules(IndexRules.ownUrlsFrom(List.of("wss://me.example")), 20, new AddressPolicy(false)));
  private final RelayUrl a = url("wss://a.example");
  private final RelayUrl b = url("wss://b.example");
  private final RelayUrl c = url("wss://c.example");
  private final RelayUrl boot = url("wss://boot.example");
  private final RelayUrl me = url("wss://me.example");

  private static RelayUrl url(String s) {
    return RelayUrl.parse(s).url().orElseThrow();
  }

  private static Event announce(int owner, String d, String... relays) {
    List<String> t = new ArrayList<>(List.of("relays"));
    t.addAll(List.of(relays));
    t.add("wss://me.example");
    return announcement(pubkey(owner), d, 10, List.of(t));
  }

  private static RepoRef ref(int owner, String d) {
    return new RepoRef(pubkey(owner), d);
  }

  @Test
  void everyRelayGetsL1ItsRepositoriesAndTheirRootEvents() {
    Event issue = rootEvent(Nip34.ISSUE, ref(1, "x").format());
    Event patch = rootEvent(Nip34.PATCH, ref(2, "y").format());
    RepoIndex index = empty.withEvents(List.of(
        announce(1, "x", "wss://a.example", "wss://b.example"),
        announce(2, "y", "wss://b.example"),
        issue, patch)).index();
    RelayTargets t = RelayTargets.derive(index, List.of(boot), 1000);

    assertThat(t.relays()).containsExactly(boot, b, a); // bootstrap, then by repository count
    assertThat(t.forRelay(a).orElseThrow().items()).isEqualTo(ItemSet.of(true, Set.of(ref(1, "x")), Set.of(issue.id())));
    assertThat(t.forRelay(b).orElseThrow().items())
        .isEqualTo(ItemSet.of(true, Set.of(ref(1, "x"), ref(2, "y")), Set.of(issue.id(), patch.id())));
    RelayTarget bt = t.forRelay(boot).orElseThrow();
    assertThat(bt.bootstrap()).isTrue();
    assertThat(bt.items()).isEqualTo(ItemSet.of(true, Set.of(), Set.of()));
    assertThat(t.overCap()).isEmpty();
  }

  @Test
  void oneRelayAloneEqualsItsShareOfTheWhole() {
    RepoIndex index = empty.withEvents(List.of(
        announce(1, "x", "wss://a.example", "wss://b.example"), announce(2, "y", "wss://b.example"),
        rootEvent(Nip34.ISSUE, ref(1, "x").format()), rootEvent(Nip34.PATCH, ref(2, "y").format()))).index();
    RelayTargets all = RelayTargets.derive(index, List.of(), 1000);
    for (RelayUrl r : List.of(a, b)) {
      assertThat(RelayTargets.deriveOne(index, r, false)).isEqualTo(all.forRelay(r).orElseThrow());
    }
    assertThat(RelayTargets.deriveOne(index, boot, true).items()).isEqualTo(ItemSet.of(true, Set.of(), Set.of()));
  }

  @Test
  void ownUrlsAreNeverTargetsEvenAsBootstrap() {
    RepoIndex index = empty.withEvent(announce(1, "x", "wss://me.example", "wss://a.example")).index();
    RelayTargets t = RelayTargets.derive(index, List.of(me, boot), 1000);
    assertThat(t.relays()).containsExactly(boot, a);
  }

  @Test
  void maxRelaysKeepsBootstrapThenTheMostListed() {
    RepoIndex index = empty.withEvents(List.of(
        announce(1, "x", "wss://a.example", "wss://c.example"),
        announce(2, "y", "wss://c.example"),
        announce(3, "z", "wss://b.example", "wss://c.example", "wss://a.example"))).index();
    RelayTargets t = RelayTargets.derive(index, List.of(boot), 3);
    assertThat(t.relays()).containsExactly(boot, c, a);
    assertThat(t.overCap()).containsExactly(b);
  }

  @Test
  void touchedByGivesOnlyWhatChanged() {
    Event issue = rootEvent(Nip34.ISSUE, ref(1, "x").format());
    RepoIndex v1 = empty.withEvents(List.of(announce(1, "x", "wss://a.example"), issue)).index();

    Event moved = announcement(pubkey(1), "x", 20, List.of(tag("relays", "wss://a.example", "wss://b.example", "wss://me.example")));
    IndexUpdate u = v1.withEvent(moved);
    RelayTargets t = RelayTargets.touchedBy(u.index(), u.changes(), List.of(), Set.of(a), 1000);
    assertThat(t.relays()).containsExactly(b);
    assertThat(t.forRelay(b).orElseThrow().items())
        .isEqualTo(ItemSet.of(true, Set.of(ref(1, "x")), Set.of(issue.id())));

    Event comment2 = rootEvent(Nip34.PATCH, ref(1, "x").format());
    IndexUpdate u2 = u.index().withEvent(comment2);
    RelayTargets t2 = RelayTargets.touchedBy(u2.index(), u2.changes(), List.of(), Set.of(a, b), 1000);
    assertThat(t2.relays()).containsExactlyInAnyOrder(a, b);
    assertThat(t2.forRelay(a).orElseThrow().items()).isEqualTo(ItemSet.of(true, Set.of(), Set.of(comment2.id())));
  }

  @Test
  void aMaintainersAnnouncementGivesTheOwnersCoordinateToItsRelaysAndItsOwnToTheOwners() {
    Event owners = announcement(pubkey(1), "x", 10,
        List.of(tag("relays", "wss://a.example", "wss://me.example"), tag("maintainers", pubkey(2))));
    Event issue = rootEvent(Nip34.ISSUE, ref(1, "x").format());
    RepoIndex v1 = empty.withEvents(List.of(owners, issue)).index();
    Event maintainers = announcement(pubkey(2), "x", 10, List.of(tag("relays", "wss://b.example")));
    IndexUpdate u = v1.withEvent(maintainers);
    RelayTargets t = RelayTargets.touchedBy(u.index(), u.changes(), List.of(), Set.of(a), 1000);
    assertThat(t.forRelay(b).orElseThrow().items())
        .isEqualTo(ItemSet.of(true, Set.of(ref(1, "x"), ref(2, "x")), Set.of(issue.id())));
    assertThat(RelayTargets.deriveOne(u.index(), a, false).items().repos()).containsExactlyInAnyOrder(ref(1, "x"), ref(2, "x"));
  }

  @Test
  void rootEventNamingTwoRepositoriesReachesTheRelaysOfBoth() {
    RepoIndex v1 = empty.withEvents(List.of(announce(1, "x", "wss://a.example"), announce(2, "y", "wss://c.example"))).index();
    Event patch = rootEvent(Nip34.PATCH, ref(1, "x").format(), ref(2, "y").format());
    IndexUpdate u = v1.withEvent(patch);
    RelayTargets t = RelayTargets.touchedBy(u.index(), u.changes(), List.of(), Set.of(a, c), 1000);
    assertThat(t.relays()).containsExactlyInAnyOrder(a, c);
    assertThat(t.forRelay(c).orElseThrow().items().rootEvents()).containsExactly(patch.id());
  }

  @Test
  void touchedByAdmitsNewRelaysOnlyWithinTheCap() {
    IndexUpdate u = empty.withEvent(announce(1, "x", "wss://a.example", "wss://b.example", "wss://c.example"));
    RelayTargets t = RelayTargets.touchedBy(u.index(), u.changes(), List.of(boot), Set.of(boot, a), 3);
    assertThat(t.relays()).containsExactly(a, b);
    assertThat(t.overCap()).containsExactly(c);
  }
}
