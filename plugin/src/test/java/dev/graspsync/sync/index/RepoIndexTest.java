package dev.graspsync.sync.index;

import static dev.graspsync.sync.fixtures.TestEvents.announcement;
import static dev.graspsync.sync.fixtures.TestEvents.event;
import static dev.graspsync.sync.fixtures.TestEvents.hex64;
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
import org.junit.jupiter.api.Test;

class RepoIndexTest {
  private final IndexRules rules =
      new IndexRules(IndexRules.ownUrlsFrom(List.of("wss://me.example")), 20, new AddressPolicy(false));
  private final RepoIndex empty = RepoIndex.empty(rules);
  private final String owner = pubkey(1);
  private final RepoRef ref = new RepoRef(owner, "repo");

  private static RelayUrl url(String s) {
    return RelayUrl.parse(s).url().orElseThrow();
  }

  private Event announce(long createdAt, String... relays) {
    List<String> tag = new ArrayList<>();
    tag.add("relays");
    tag.addAll(List.of(relays));
    // hosted here: every announcement in these tests lists this relay unless it says otherwise
    tag.add("wss://me.example");
    return announcement(owner, "repo", createdAt, List.of(tag));
  }

  @Test
  void announcementListsItsRelays() {
    IndexUpdate u = empty.withAnnouncement(announce(10, "wss://a.example", "wss://me.example", "wss://b.example"));
    RepoIndex index = u.index();
    assertThat(index.repo(ref).orElseThrow().relays()).containsExactly(url("wss://a.example"), url("wss://b.example"));
    assertThat(index.reposOn(url("wss://a.example"))).containsExactly(ref);
    assertThat(index.relays()).containsExactlyInAnyOrder(url("wss://a.example"), url("wss://b.example"));
    assertThat(index.relays()).doesNotContain(url("wss://me.example"));
    Change.AnnouncementApplied c = (Change.AnnouncementApplied) u.changes().get(0);
    assertThat(c.replacedOlder()).isFalse();
    assertThat(c.relaysAdded()).containsExactlyInAnyOrder(url("wss://a.example"), url("wss://b.example"));
    assertThat(u.affectedRelays()).containsExactlyInAnyOrder(url("wss://a.example"), url("wss://b.example"));
    assertThat(u.refusedUrls()).extracting(RefusedUrl::why).containsExactly(RefusedUrl.Why.OWN_RELAY);
  }

  @Test
  void newerAnnouncementReplacesOlderAndOlderIsIgnored() {
    RepoIndex v1 = empty.withAnnouncement(announce(10, "wss://a.example", "wss://b.example")).index();
    IndexUpdate u2 = v1.withAnnouncement(announce(20, "wss://b.example", "wss://c.example"));
    Change.AnnouncementApplied c = (Change.AnnouncementApplied) u2.changes().get(0);
    assertThat(c.replacedOlder()).isTrue();
    assertThat(c.relaysAdded()).containsExactly(url("wss://c.example"));
    assertThat(c.relaysRemoved()).containsExactly(url("wss://a.example"));
    RepoIndex v2 = u2.index();
    assertThat(v2.reposOn(url("wss://a.example"))).isEmpty();
    assertThat(v2.relays()).containsExactlyInAnyOrder(url("wss://b.example"), url("wss://c.example"));

    IndexUpdate stale = v2.withAnnouncement(announce(15, "wss://z.example"));
    assertThat(stale.index().repo(ref).orElseThrow().relays()).containsExactly(url("wss://b.example"), url("wss://c.example"));
    assertThat(stale.changes().get(0)).isEqualTo(new Change.Unchanged(
        ((Change.Unchanged) stale.changes().get(0)).eventId(), Change.Unchanged.Why.OLDER_ANNOUNCEMENT));
    assertThat(stale.unchanged()).isTrue();
  }

  @Test
  void tiesGoToTheLowestId() {
    Event high = event(hex64(9), owner, 10, Nip34.REPO_ANNOUNCEMENT, List.of(tag("d", "repo"), tag("relays", "wss://high.example", "wss://me.example")));
    Event low = event(hex64(3), owner, 10, Nip34.REPO_ANNOUNCEMENT, List.of(tag("d", "repo"), tag("relays", "wss://low.example", "wss://me.example")));
    RepoIndex a = empty.withAnnouncement(high).index().withAnnouncement(low).index();
    RepoIndex b = empty.withAnnouncement(low).index().withAnnouncement(high).index();
    assertThat(a.repo(ref).orElseThrow().relays()).containsExactly(url("wss://low.example"));
    assertThat(b.repo(ref).orElseThrow().relays()).containsExactly(url("wss://low.example"));
    assertThat(b.withAnnouncement(low).changes().get(0))
        .isEqualTo(new Change.Unchanged(low.id(), Change.Unchanged.Why.ALREADY_INDEXED));
  }

  @Test
  void rootEventJoinsEveryRepositoryItNames() {
    RepoRef fork = new RepoRef(pubkey(2), "repo");
    RepoIndex index = empty
        .withAnnouncement(announce(10, "wss://a.example")).index()
        .withAnnouncement(announcement(pubkey(2), "repo", 10, List.of(tag("relays", "wss://f.example", "wss://me.example")))).index();
    Event patch = rootEvent(Nip34.PATCH, ref.format(), fork.format());
    IndexUpdate u = index.withRootEvent(patch);
    assertThat(u.index().repo(ref).orElseThrow().rootEvents()).containsExactly(patch.id());
    assertThat(u.index().repo(fork).orElseThrow().rootEvents()).containsExactly(patch.id());
    assertThat(u.index().reposOf(patch.id())).containsExactlyInAnyOrder(ref, fork);
    assertThat(u.index().relaysOfRootEvent(patch.id())).containsExactlyInAnyOrder(url("wss://a.example"), url("wss://f.example"));
    assertThat(u.affectedRelays()).containsExactlyInAnyOrder(url("wss://a.example"), url("wss://f.example"));
    assertThat(u.index().withRootEvent(patch).changes().get(0))
        .isEqualTo(new Change.Unchanged(patch.id(), Change.Unchanged.Why.ALREADY_INDEXED));
  }

  @Test
  void rootEventBeforeItsAnnouncementIsKept() {
    Event issue = rootEvent(Nip34.ISSUE, ref.format());
    RepoIndex index = empty.withRootEvent(issue).index();
    assertThat(index.repo(ref).orElseThrow().announcement()).isEmpty();
    assertThat(index.relays()).isEmpty();
    RepoIndex later = index.withAnnouncement(announce(10, "wss://a.example")).index();
    assertThat(later.repo(ref).orElseThrow().rootEvents()).containsExactly(issue.id());
    assertThat(later.repo(ref).orElseThrow().relays()).containsExactly(url("wss://a.example"));
  }

  @Test
  void updatesLeaveTheOldValueUntouched() {
    RepoIndex v1 = empty.withAnnouncement(announce(10, "wss://a.example")).index();
    RepoIndex v2 = v1.withRootEvent(rootEvent(Nip34.ISSUE, ref.format())).index();
    assertThat(v1.repo(ref).orElseThrow().rootEvents()).isEmpty();
    assertThat(v1.rootEventCount()).isZero();
    assertThat(v2.rootEventCount()).isEqualTo(1);
    assertThat(empty.repoCount()).isZero();
  }

  @Test
  void otherKindsAndBadAuthorsLeaveTheIndexAlone() {
    Event comment = event(hex64(5), owner, 1, Nip34.COMMENT, List.of(tag("a", ref.format())));
    assertThat(empty.withEvent(comment).changes().get(0))
        .isEqualTo(new Change.Unchanged(comment.id(), Change.Unchanged.Why.NOT_INDEXED_KIND));
    assertThat(empty.withAnnouncement(comment).index()).isSameAs(empty);
    assertThat(empty.withRootEvent(announce(1, "wss://a.example")).changes().get(0))
        .isInstanceOf(Change.Unchanged.class);
    Event badAuthor = event(hex64(6), "ABC", 1, Nip34.REPO_ANNOUNCEMENT, List.of(tag("d", "x")));
    assertThat(empty.withEvent(badAuthor).changes().get(0))
        .isEqualTo(new Change.Unchanged(badAuthor.id(), Change.Unchanged.Why.BAD_AUTHOR));
    Event orphan = event(hex64(7), owner, 1, Nip34.ISSUE, List.of(tag("a", "nonsense")));
    assertThat(empty.withEvent(orphan).changes().get(0))
        .isEqualTo(new Change.Unchanged(orphan.id(), Change.Unchanged.Why.NO_REPOSITORY));
  }

  @Test
  void bulkLoadEqualsOneByOne() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String o = pubkey(100 + i);
      events.add(announcement(o, "r" + i, 10, List.of(tag("relays", "wss://r" + (i % 7) + ".example", "wss://me.example"))));
      events.add(rootEvent(Nip34.ISSUE, "30617:" + o + ":r" + i));
      events.add(rootEvent(Nip34.PATCH, "30617:" + o + ":r" + i, "30617:" + pubkey(100 + (i + 1) % 300) + ":r" + ((i + 1) % 300)));
    }
    RepoIndex bulk = empty.withEvents(events).index();
    RepoIndex stepwise = empty;
    for (Event e : events) {
      stepwise = stepwise.withEvent(e).index();
    }
    assertThat(bulk.repoCount()).isEqualTo(300).isEqualTo(stepwise.repoCount());
    assertThat(bulk.rootEventCount()).isEqualTo(600).isEqualTo(stepwise.rootEventCount());
    assertThat(bulk.relays()).hasSize(7).isEqualTo(stepwise.relays());
    assertThat(bulk.entries()).containsExactlyInAnyOrderElementsOf(stepwise.entries());
    for (RelayUrl r : bulk.relays()) {
      assertThat(bulk.reposOn(r)).isEqualTo(stepwise.reposOn(r));
    }
  }
}
