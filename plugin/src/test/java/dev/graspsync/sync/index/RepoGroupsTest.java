package dev.graspsync.sync.index;

import static dev.graspsync.sync.fixtures.TestEvents.announcement;
import static dev.graspsync.sync.fixtures.TestEvents.event;
import static dev.graspsync.sync.fixtures.TestEvents.freshId;
import static dev.graspsync.sync.fixtures.TestEvents.pubkey;
import static dev.graspsync.sync.fixtures.TestEvents.rootEvent;
import static dev.graspsync.sync.fixtures.TestEvents.tag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Nip34;
import dev.graspsync.sync.relay.AddressPolicy;
import dev.graspsync.sync.relay.RelayUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A repository is its owner's announcement plus its maintainers', recursively; deletions follow the host. */
class RepoGroupsTest {
  private static final String ME = "wss://me.example";
  private final RepoIndex empty = RepoIndex.empty(
      new IndexRules(IndexRules.ownUrlsFrom(List.of(ME)), 20, new AddressPolicy(false)));
  private final String owner = pubkey(1);
  private final String maintainer = pubkey(2);
  private final String second = pubkey(3);
  private final RepoRef ownerRef = new RepoRef(owner, "repo");
  private final RepoRef maintainerRef = new RepoRef(maintainer, "repo");
  private final RepoRef secondRef = new RepoRef(second, "repo");

  private static RelayUrl url(String s) {
    return RelayUrl.parse(s).url().orElseThrow();
  }

  private static Event announce(String author, long at, List<String> maintainers, String... relays) {
    List<String> relaysTag = new ArrayList<>(List.of("relays"));
    relaysTag.addAll(List.of(relays));
    List<String> maintainersTag = new ArrayList<>(List.of("maintainers"));
    maintainersTag.addAll(maintainers);
    return announcement(author, "repo", at, List.of(relaysTag, maintainersTag));
  }

  private static Event deletion(String author, List<List<String>> tags) {
    return event(freshId(), author, 100, Nip34.DELETION, tags);
  }

  @Test
  void maintainersRelaysJoinTheRepositoryAndEveryRelayAsksForEveryMember() {
    RepoIndex index = empty.withEvents(List.of(
        announce(owner, 10, List.of(maintainer), ME, "wss://a.example"),
        announce(maintainer, 10, List.of(), "wss://m.example"))).index();
    Set<RelayUrl> union = Set.of(url("wss://a.example"), url("wss://m.example"));
    assertThat(index.repo(ownerRef).orElseThrow().relays()).containsExactlyInAnyOrderElementsOf(union);
    assertThat(index.repo(maintainerRef).orElseThrow().relays()).containsExactlyInAnyOrderElementsOf(union);
    assertThat(index.reposOn(url("wss://m.example"))).containsExactlyInAnyOrder(ownerRef, maintainerRef);
    assertThat(index.reposOn(url("wss://a.example"))).containsExactlyInAnyOrder(ownerRef, maintainerRef);
    assertThat(index.repoCount()).as("one repository").isEqualTo(1);
  }

  @Test
  void aNamedMaintainerIsAskedForBeforeItsAnnouncementArrives() {
    RepoIndex index = empty.withEvent(announce(owner, 10, List.of(maintainer), ME, "wss://a.example")).index();
    assertThat(index.reposOn(url("wss://a.example"))).containsExactlyInAnyOrder(ownerRef, maintainerRef);
    assertThat(index.repo(maintainerRef).orElseThrow().announcement()).isEmpty();
    assertThat(index.unannouncedCount()).isEqualTo(1);
  }

  @Test
  void maintainersAreRecursive() {
    IndexUpdate u = empty.withEvents(List.of(
        announce(owner, 10, List.of(maintainer), ME),
        announce(maintainer, 10, List.of(second), "wss://m.example"),
        announce(second, 10, List.of(), "wss://s.example")));
    RepoIndex index = u.index();
    assertThat(index.reposOn(url("wss://s.example"))).containsExactlyInAnyOrder(ownerRef, maintainerRef, secondRef);
    assertThat(index.repo(ownerRef).orElseThrow().relays())
        .containsExactlyInAnyOrder(url("wss://m.example"), url("wss://s.example"));
    assertThat(index.repoCount()).isEqualTo(1);
  }

  @Test
  void aMaintainersAnnouncementBeforeTheOwnersIsMergedWhenTheOwnersArrives() {
    RepoIndex early = empty.withEvent(announce(maintainer, 10, List.of(), "wss://m.example")).index();
    assertThat(early.relays()).as("not hosted on its own").isEmpty();
    assertThat(early.repoCount()).isZero();
    IndexUpdate u = early.withEvent(announce(owner, 10, List.of(maintainer), ME, "wss://a.example"));
    assertThat(u.index().reposOn(url("wss://m.example"))).containsExactlyInAnyOrder(ownerRef, maintainerRef);
    assertThat(u.changes()).anySatisfy(c -> assertThat(c).isEqualTo(new Change.MemberRelaysChanged(maintainerRef,
        Set.of(url("wss://a.example"), url("wss://m.example")),
        Set.of(url("wss://a.example"), url("wss://m.example")), Set.of())));
    assertThat(u.affectedRelays()).containsExactlyInAnyOrder(url("wss://a.example"), url("wss://m.example"));
  }

  @Test
  void anOwnersUpdateThatDropsThisRelayStopsTheRepository() {
    Event issue = rootEvent(Nip34.ISSUE, ownerRef.format());
    RepoIndex hosted = empty.withEvents(List.of(
        announce(owner, 10, List.of(maintainer), ME, "wss://a.example"),
        announce(maintainer, 10, List.of(), "wss://m.example"), issue)).index();
    IndexUpdate u = hosted.withEvent(announce(owner, 20, List.of(maintainer), "wss://a.example"));
    RepoIndex after = u.index();
    assertThat(after.relays()).isEmpty();
    assertThat(after.relaysOfRootEvent(issue.id())).isEmpty();
    assertThat(after.repoCount()).isZero();
    assertThat(u.affectedRelays()).containsExactlyInAnyOrder(url("wss://a.example"), url("wss://m.example"));
  }

  @Test
  void aMaintainerListingThisRelayKeepsTheRepositoryHosted() {
    RepoIndex index = empty.withEvents(List.of(
        announce(owner, 10, List.of(maintainer), ME, "wss://a.example"),
        announce(maintainer, 10, List.of(), ME, "wss://m.example"),
        announce(owner, 20, List.of(maintainer), "wss://a.example"))).index();
    assertThat(index.reposOn(url("wss://a.example"))).containsExactlyInAnyOrder(ownerRef, maintainerRef);
    assertThat(index.repoCount()).isEqualTo(1);
  }

  @Test
  void aMaintainerNoLongerNamedLeavesTheRepository() {
    RepoIndex index = empty.withEvents(List.of(
        announce(owner, 10, List.of(maintainer), ME, "wss://a.example"),
        announce(maintainer, 10, List.of(), "wss://m.example"),
        announce(owner, 20, List.of(), ME, "wss://a.example"))).index();
    assertThat(index.reposOn(url("wss://a.example"))).containsExactly(ownerRef);
    assertThat(index.relays()).containsExactly(url("wss://a.example"));
  }

  @Test
  void aDeletedRootEventLeavesTheIndexOnlyWhenTheHostDeletedIt() {
    Event issue = rootEvent(Nip34.ISSUE, ownerRef.format());
    RepoIndex index = empty.withEvents(List.of(announce(owner, 10, List.of(), ME, "wss://a.example"), issue)).index();
    Deletion deletion = Deletion.of(deletion(issue.pubkey(), List.of(tag("e", issue.id())))).orElseThrow();
    assertThat(index.deletionTargets(deletion)).containsExactly(issue.id());
    assertThat(index.withDeletion(deletion, Set.of()).unchanged()).as("someone else's deletion").isTrue();
    IndexUpdate u = index.withDeletion(deletion, Set.of(issue.id()));
    assertThat(u.index().knowsRootEvent(issue.id())).isFalse();
    assertThat(u.index().repo(ownerRef).orElseThrow().rootEvents()).isEmpty();
    assertThat(u.changes()).containsExactly(
        new Change.Removed(Change.Removed.What.ROOT_EVENT, issue.id(), Set.of(url("wss://a.example"))));
    assertThat(u.index().rootEventCount()).isZero();
  }

  @Test
  void aDeletedAnnouncementStopsItsCoordinate() {
    Event announcement = announce(owner, 10, List.of(), ME, "wss://a.example");
    RepoIndex index = empty.withEvent(announcement).index();
    Deletion byCoordinate = Deletion.of(deletion(owner, List.of(tag("a", ownerRef.format())))).orElseThrow();
    assertThat(index.deletionTargets(byCoordinate)).containsExactly(announcement.id());
    IndexUpdate u = index.withDeletion(byCoordinate, Set.of(announcement.id()));
    assertThat(u.index().relays()).isEmpty();
    assertThat(u.index().repo(ownerRef)).as("nothing left to keep").isEmpty();
    assertThat(u.index().repoCount()).isZero();
    assertThat(u.changes()).containsExactly(
        new Change.Removed(Change.Removed.What.ANNOUNCEMENT, announcement.id(), Set.of(url("wss://a.example"))));
  }

  @Test
  void anAnnouncementDeletedByItsIdStopsItsCoordinate() {
    Event announcement = announce(owner, 10, List.of(), ME, "wss://a.example");
    RepoIndex index = empty.withEvent(announcement).index();
    Deletion byId = Deletion.of(deletion(owner, List.of(tag("e", announcement.id())))).orElseThrow();
    assertThat(index.deletionTargets(byId)).containsExactly(announcement.id());
    IndexUpdate u = index.withDeletion(byId, Set.of(announcement.id()));
    assertThat(u.index().relays()).isEmpty();
    assertThat(u.index().repo(ownerRef)).isEmpty();
    assertThat(u.changes()).containsExactly(
        new Change.Removed(Change.Removed.What.ANNOUNCEMENT, announcement.id(), Set.of(url("wss://a.example"))));
  }

  @Test
  void aStrangersDeletionByIdNamesNoAnnouncement() {
    Event announcement = announce(owner, 10, List.of(), ME, "wss://a.example");
    RepoIndex index = empty.withEvent(announcement).index();
    Deletion byStranger = Deletion.of(deletion(pubkey(9), List.of(tag("e", announcement.id())))).orElseThrow();
    assertThat(index.deletionTargets(byStranger)).isEmpty();
    assertThat(index.withDeletion(byStranger, Set.of(announcement.id())).unchanged()).isTrue();
  }

  @Test
  void aDeletionNeverNamesSomeoneElsesCoordinate() {
    Deletion byStranger = Deletion.of(deletion(pubkey(9), List.of(tag("a", ownerRef.format())))).orElseThrow();
    assertThat(byStranger.repos()).isEmpty();
  }

  @Test
  void countsTellRepositoriesFromReferencesToUnknownOnes() {
    RepoIndex index = empty.withEvents(List.of(
        announce(owner, 10, List.of(), ME, "wss://a.example"),
        rootEvent(Nip34.ISSUE, new RepoRef(pubkey(7), "elsewhere").format()))).index();
    assertThat(index.repoCount()).isEqualTo(1);
    assertThat(index.unannouncedCount()).isEqualTo(1);
  }

  @Test
  void bulkLoadEqualsOneByOneWithMaintainers() {
    List<Event> events = List.of(
        announce(maintainer, 10, List.of(second), "wss://m.example"),
        announce(owner, 10, List.of(maintainer), ME, "wss://a.example"),
        announce(second, 10, List.of(), "wss://s.example"),
        rootEvent(Nip34.ISSUE, maintainerRef.format()),
        announce(owner, 20, List.of(maintainer), "wss://a.example"));
    RepoIndex bulk = empty.withEvents(events).index();
    RepoIndex stepwise = empty;
    for (Event e : events) {
      stepwise = stepwise.withEvent(e).index();
    }
    assertThat(bulk.entries()).containsExactlyInAnyOrderElementsOf(stepwise.entries());
    assertThat(bulk.repoCount()).isEqualTo(stepwise.repoCount()).isZero();
    assertThat(bulk.relays()).isEmpty();
  }
}
