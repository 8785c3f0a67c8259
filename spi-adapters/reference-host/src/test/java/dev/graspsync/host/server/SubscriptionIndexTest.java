package dev.graspsync.host.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.host.testing.TestEvents;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriptionIndexTest {
  private final SubscriptionIndex<String> index = new SubscriptionIndex<>();
  private final Event note = TestEvents.signed(1, List.of(List.of("e", "aa".repeat(32)), List.of("t", "git")), "hi", 1000);
  private final Event patch = TestEvents.signed(1617, List.of(List.of("a", "30617:" + "bb".repeat(32) + ":repo")), "p", 2000);

  @Test
  void findsSubscriptionsByEachKindOfCondition() {
    index.add("byKind", List.of(Filter.builder().kinds(1617).build()));
    index.add("byTag", List.of(Filter.builder().tag('t', Set.of("git")).build()));
    index.add("byAuthor", List.of(Filter.builder().authors(Set.of(note.pubkey())).kinds(1).build()));
    index.add("byId", List.of(Filter.builder().ids(Set.of(patch.id())).build()));
    index.add("everything", List.of(Filter.builder().build()));

    assertThat(index.matching(note)).containsExactlyInAnyOrder("byTag", "byAuthor", "everything");
    assertThat(index.matching(patch)).containsExactlyInAnyOrder("byKind", "byId", "everything");
  }

  @Test
  void candidatesAreMatchedInFull() {
    // filed under the tag, but the kind condition must hold too
    index.add("t-and-kind", List.of(Filter.builder().tag('t', Set.of("git")).kinds(7).build()));
    index.add("since", List.of(Filter.builder().kinds(1).since(5000).build()));
    assertThat(index.matching(note)).isEmpty();
  }

  @Test
  void aSubscriptionWithSeveralMatchingFiltersIsReportedOnce() {
    index.add("s", List.of(Filter.builder().kinds(1).build(), Filter.builder().tag('e', Set.of("aa".repeat(32))).build()));
    assertThat(index.matching(note)).containsExactly("s");
  }

  @Test
  void removingOrReplacingASubscriptionUnfilesIt() {
    index.add("s", List.of(Filter.builder().kinds(1).build()));
    index.add("s", List.of(Filter.builder().kinds(1617).build()));
    assertThat(index.matching(note)).isEmpty();
    assertThat(index.matching(patch)).containsExactly("s");
    index.remove("s");
    assertThat(index.matching(patch)).isEmpty();
    assertThat(index.size()).isZero();
  }

  @Test
  void anEmptyListMatchesNothing() {
    index.add("none", List.of(Filter.builder().kinds(List.of()).build()));
    assertThat(index.matching(note)).isEmpty();
  }

  @Test
  void subscribersWithEqualFiltersAreEachVisitedOnceAndLeaveOneByOne() {
    List<String> subscribers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String s = "sub" + i;
      subscribers.add(s);
      index.add(s, List.of(Filter.builder().kinds(1).tag('t', Set.of("git")).build()));
    }
    assertThat(index.matching(note)).containsExactlyInAnyOrderElementsOf(subscribers);

    List<String> staying = new ArrayList<>();
    for (int i = 0; i < subscribers.size(); i++) {
      if (i % 3 == 0) {
        index.remove(subscribers.get(i));
      } else {
        staying.add(subscribers.get(i));
      }
    }
    assertThat(index.matching(note)).containsExactlyInAnyOrderElementsOf(staying);
    assertThat(index.size()).isEqualTo(staying.size());
  }

  @Test
  void aSubscriberCutWhileTheEventIsFannedOutDoesNotHideAnyOther() {
    List<String> subscribers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String s = "sub" + i;
      subscribers.add(s);
      index.add(s, List.of(Filter.builder().kinds(1).build()));
    }
    List<String> visited = new ArrayList<>();
    index.forEachMatching(note, s -> {
      visited.add(s);
      index.remove(s); // a slow consumer is cut during its delivery
    });
    assertThat(visited).containsExactlyInAnyOrderElementsOf(subscribers);
    assertThat(index.size()).isZero();
    assertThat(index.matching(note)).isEmpty();
  }

  @Test
  void aFilterFiledUnderSeveralOfTheEventsKeysVisitsItsSubscriberOnce() {
    Event twoTags = TestEvents.signed(1, List.of(List.of("t", "git"), List.of("t", "nostr")), "hi", 1000);
    index.add("s", List.of(Filter.builder().tag('t', Set.of("git", "nostr")).build()));
    List<String> visited = new ArrayList<>();
    index.forEachMatching(twoTags, visited::add);
    assertThat(visited).containsExactly("s");
  }
}
