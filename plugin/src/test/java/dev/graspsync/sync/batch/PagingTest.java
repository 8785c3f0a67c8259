package dev.graspsync.sync.batch;

import static dev.graspsync.sync.fixtures.TestEvents.hex64;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PagingTest {
  private static final int MAX_PAGES = 10_000;

  /** A stored event: id and created_at. */
  private record Stored(String id, long createdAt) {}

  /** A relay that answers a query newest first, at most {@code cap} events, ties by id. */
  private static List<Stored> query(List<Stored> store, Long until, int cap) {
    return store.stream()
        .filter(e -> until == null || e.createdAt <= until)
        .sorted((x, y) -> x.createdAt != y.createdAt ? Long.compare(y.createdAt, x.createdAt) : x.id.compareTo(y.id))
        .limit(cap)
        .toList();
  }

  /** Pages through the store like the session would; returns the distinct ids fetched. */
  private static Set<String> fetchAll(List<Stored> store, int cap, int[] queries) {
    Set<String> got = new HashSet<>();
    PageTally tally = PageTally.firstPage();
    Long until = null;
    while (true) {
      queries[0]++;
      for (Stored e : query(store, until, cap)) {
        tally = tally.onEvent(e.id, e.createdAt);
        got.add(e.id);
      }
      Paging.Decision d = Paging.next(tally, cap, MAX_PAGES);
      if (d instanceof Paging.Decision.NextPage next) {
        until = next.until();
        tally = tally.nextPage(until);
      } else {
        return got;
      }
    }
  }

  private static List<Stored> history(int n, int perSecond) {
    List<Stored> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Stored(hex64(10_000 + i), 1_600_000_000L + i / perSecond));
    }
    return out;
  }

  @Test
  void pagesThroughAHistoryLargerThanTheCap() {
    List<Stored> store = history(1000, 1);
    int[] queries = {0};
    assertThat(fetchAll(store, 100, queries)).hasSize(1000);
    assertThat(queries[0]).isBetween(10, 12);
  }

  @Test
  void overlapAtTheUntilSecondIsDeduplicated() {
    List<Stored> store = history(1000, 7); // several events per second straddle page boundaries
    int[] queries = {0};
    assertThat(fetchAll(store, 100, queries)).hasSize(1000);
  }

  @Test
  void moreEventsInOneSecondThanTheCapDoNotLoopForever() {
    List<Stored> store = new ArrayList<>(history(50, 1));
    for (int i = 0; i < 150; i++) {
      store.add(new Stored(hex64(90_000 + i), 1_500_000_000L)); // 150 events in one second, older
    }
    int[] queries = {0};
    Set<String> got = fetchAll(store, 100, queries);
    assertThat(queries[0]).isLessThan(10);
    // what a relay returns for that second is all time paging can reach
    assertThat(got).hasSizeGreaterThanOrEqualTo(150);
  }

  @Test
  void aShortPageEndsPaging() {
    PageTally t = PageTally.firstPage().onEvent(hex64(1), 10).onEvent(hex64(2), 9);
    assertThat(Paging.next(t, 100, MAX_PAGES)).isEqualTo(new Paging.Decision.Done(Paging.Why.SHORT_PAGE));
    assertThat(Paging.next(PageTally.firstPage(), 100, MAX_PAGES)).isEqualTo(new Paging.Decision.Done(Paging.Why.EMPTY_PAGE));
  }

  @Test
  void everyReceivedEventCountsWhateverTheHostSays() {
    // A relay full of events our host rejects still fills its pages: the page counts them all,
    // so paging goes on (the reference counted only accepted events and stopped).
    PageTally t = PageTally.firstPage();
    for (int i = 0; i < 100; i++) {
      t = t.onEvent(hex64(i), 1000 - i);
    }
    assertThat(t.received()).isEqualTo(100);
    assertThat(t.totalReceived()).isEqualTo(100);
    assertThat(Paging.next(t, 100, MAX_PAGES)).isEqualTo(new Paging.Decision.NextPage(901));
  }

  @Test
  void untilIsTheOldestSeenInclusive() {
    PageTally t = PageTally.firstPage();
    for (int i = 0; i < 3; i++) {
      t = t.onEvent(hex64(i), 500 - i);
    }
    assertThat(Paging.next(t, 3, MAX_PAGES)).isEqualTo(new Paging.Decision.NextPage(498));
    PageTally p2 = t.nextPage(498).onEvent(hex64(2), 498); // the overlap, seen before
    assertThat(p2.fresh()).isZero();
    assertThat(p2.totalReceived()).isEqualTo(4);
    assertThat(Paging.next(p2, 3, MAX_PAGES)).isEqualTo(new Paging.Decision.Done(Paging.Why.SHORT_PAGE));
  }

  @Test
  void aFullPageOfNothingNewEndsPaging() {
    PageTally t = PageTally.firstPage().onEvent(hex64(1), 20).onEvent(hex64(2), 10);
    PageTally again = t.nextPage(10).onEvent(hex64(1), 20).onEvent(hex64(2), 10); // relay ignores until
    assertThat(again.fresh()).isZero();
    assertThat(Paging.next(again, 2, MAX_PAGES)).isEqualTo(new Paging.Decision.Done(Paging.Why.NOTHING_NEW));
  }

  @Test
  void pageLimitStopsAnEndlessRelay() {
    PageTally t = PageTally.firstPage();
    for (int page = 0; page < 5; page++) {
      for (int i = 0; i < 2; i++) {
        t = t.onEvent(hex64(page * 10 + i), 1000 - page * 10 - i);
      }
      Paging.Decision d = Paging.next(t, 2, 5);
      if (page < 4) {
        t = t.nextPage(((Paging.Decision.NextPage) d).until());
      } else {
        assertThat(d).isEqualTo(new Paging.Decision.Done(Paging.Why.PAGE_LIMIT));
      }
    }
  }

  @Test
  void capIsTheDeclaredOneOrTheLargestPageSeen() {
    assertThat(Paging.effectiveCap(OptionalInt.of(500), 80)).isEqualTo(500);
    assertThat(Paging.effectiveCap(OptionalInt.empty(), 80)).isEqualTo(80);
    assertThat(Paging.effectiveCap(OptionalInt.empty(), 0)).isEqualTo(1);
    PageTally t = PageTally.firstPage().onEvent(hex64(1), 5).onEvent(hex64(2), 4);
    assertThat(Paging.observedMax(1, t)).isEqualTo(2);
    assertThat(Paging.observedMax(300, t)).isEqualTo(300);
  }
}
