package dev.graspsync.sync.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The paging rules, without sockets. */
class HistoryPagingTest {
  private static final Filter KIND_1 = Filter.builder().kinds(1).build();

  private static PageResult page(PagedFilter f, List<Event> events) {
    PageTally tally = new PageTally(List.of(f));
    events.forEach(tally::record);
    return tally.result();
  }

  private static List<Event> events(int n, long newest) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> TestEvents.event(1, newest - i)).toList();
  }

  @Test
  void firstPageGetsAPageSizeClampedToMaxLimit() {
    Filter own = KIND_1.withLimit(50);
    List<PagedFilter> first = HistoryPaging.firstPage(List.of(KIND_1, own), 500, OptionalInt.empty());
    assertThat(first).extracting(p -> p.filter().limit().getAsInt()).containsExactly(500, 50);
    List<PagedFilter> capped = HistoryPaging.firstPage(List.of(KIND_1, own), 500, OptionalInt.of(20));
    assertThat(capped).extracting(p -> p.filter().limit().getAsInt()).containsExactly(20, 20);
  }

  @Test
  void aFullPageAsksAgainFromItsOldestSecondInclusive() {
    PagedFilter first = new PagedFilter(KIND_1.withLimit(100), Set.of());
    List<Event> got = events(100, 1000);
    PageResult result = page(first, got);

    List<PagedFilter> next = HistoryPaging.nextPage(result, new PagingCaps(OptionalInt.of(100), 0, 0)).next();

    assertThat(next).hasSize(1);
    assertThat(next.get(0).filter().until()).hasValue(901);
    assertThat(next.get(0).filter().limit()).hasValue(100);
    assertThat(next.get(0).seenAtUntil()).containsExactly(got.get(99).id());
  }

  @Test
  void aShortPageEndsWhenTheCapIsKnown() {
    PagedFilter first = new PagedFilter(KIND_1.withLimit(100), Set.of());
    PageResult result = page(first, events(60, 1000));
    assertThat(HistoryPaging.nextPage(result, new PagingCaps(OptionalInt.of(100), 0, 0)).next()).isEmpty();
  }

  @Test
  void withoutAKnownCapTheFirstNonEmptyPageIsCheckedOnceMore() {
    PagedFilter first = new PagedFilter(KIND_1.withLimit(500), Set.of());
    PageResult result = page(first, events(60, 1000));
    assertThat(HistoryPaging.nextPage(result, PagingCaps.unknown()).next()).hasSize(1);
    // a relay seen to return 100 at most: a page of 60 is not cut short, one of 100 may be
    PagingCaps seen = new PagingCaps(OptionalInt.empty(), 100, 100);
    assertThat(HistoryPaging.nextPage(result, seen).next()).isEmpty();
    assertThat(HistoryPaging.nextPage(page(first, events(100, 1000)), seen).next()).hasSize(1);
    assertThat(HistoryPaging.nextPage(page(first, List.of()), PagingCaps.unknown()).next()).isEmpty();
  }

  @Test
  void aFullPageOfRepeatsAtTheBoundaryIsReportedAndSteppedPast() {
    List<Event> sameSecond = List.of(TestEvents.event(1, 900), TestEvents.event(1, 900));
    PagedFilter again =
        new PagedFilter(KIND_1.withLimit(2).withUntil(900), Set.of(sameSecond.get(0).id(), sameSecond.get(1).id()));
    PageResult result = page(again, sameSecond);
    PageDecision decision = HistoryPaging.nextPage(result, new PagingCaps(OptionalInt.of(2), 0, 0));
    // the rest of second 900 is out of reach; what is older is not
    assertThat(decision.next()).extracting(p -> p.filter().until().getAsLong()).containsExactly(899L);
    assertThat(decision.unfinished()).extracting(UnfinishedHistory::reason)
        .containsExactly(UnfinishedHistory.Reason.SAME_SECOND);
  }

  @Test
  void aRelayCappingWholeReqsPagesEveryFilterThatBroughtNews() {
    Filter kind7 = Filter.builder().kinds(7).build();
    PagedFilter a = new PagedFilter(KIND_1.withLimit(100), Set.of());
    PagedFilter b = new PagedFilter(kind7.withLimit(100), Set.of());
    PageTally tally = new PageTally(List.of(a, b));
    events(60, 1000).forEach(tally::record);
    java.util.stream.IntStream.range(0, 40).forEach(i -> tally.record(TestEvents.event(7, 500 - i)));
    PageResult capped = tally.result();
    // exactly max_limit: a relay capping whole REQs may have cut it anywhere; an event matching
    // one filter alone was sent for it, with every newer one, so each filter goes on from its
    // oldest such event
    List<PagedFilter> again = HistoryPaging.nextPage(capped, new PagingCaps(OptionalInt.of(100), 0, 0)).next();
    assertThat(again).extracting(p -> p.filter().until().getAsLong()).containsExactly(941L, 461L);
    // 140 in one REQ with max_limit 100: the relay caps by filter, and neither filter is full
    tally.record(TestEvents.event(7, 400));
    assertThat(HistoryPaging.nextPage(tally.result(), new PagingCaps(OptionalInt.of(100), 0, 0)).next()).isEmpty();
  }

  /**
   * Issue 17: a relay capping each filter at 50 sends the 50 newest replies tagging the root
   * with {@code e}, and for the {@code #q} filter a status that also tags it with {@code e},
   * far older. The {@code #e} filter's next page starts at its own 50th-newest event, not at
   * the status (which skipped every reply in between).
   */
  @Test
  void anOldEventSentForAnotherFilterDoesNotMoveTheBoundary() {
    String root = "c".repeat(64);
    Filter byE = Filter.builder().tag('e', List.of(root)).build().withLimit(50);
    Filter byQ = Filter.builder().tag('q', List.of(root)).build().withLimit(50);
    List<Event> replies = java.util.stream.IntStream.range(0, 120)
        .mapToObj(i -> TestEvents.event(1, 10_000 - i, List.of(List.of("e", root)))).toList();
    Event status = TestEvents.event(1631, 5_000, List.of(List.of("e", root), List.of("q", root)));
    PageTally tally = new PageTally(List.of(new PagedFilter(byE, Set.of()), new PagedFilter(byQ, Set.of())));
    replies.subList(0, 50).forEach(tally::record);
    tally.record(status);

    List<PagedFilter> next = HistoryPaging.nextPage(tally.result(), new PagingCaps(OptionalInt.of(50), 0, 0)).next();

    assertThat(next).hasSize(1);
    assertThat(next.get(0).filter().tags()).containsKey('e');
    assertThat(next.get(0).filter().until()).hasValue(10_000 - 49);
  }

  /** A relay capping whole REQs may fill it with one filter: a filter with no event of its own is asked alone. */
  @Test
  void aFilterWithNothingOfItsOwnInAReqCutAsAWholeIsAskedAlone() {
    String root = "d".repeat(64);
    PagedFilter byE = new PagedFilter(Filter.builder().tag('e', List.of(root)).build().withLimit(10), Set.of());
    PagedFilter byQ = new PagedFilter(Filter.builder().tag('q', List.of(root)).build().withLimit(10), Set.of());
    PageTally tally = new PageTally(List.of(byE, byQ));
    // 10 events, all tagging the root by e and q: the relay may have sent them all for #e
    java.util.stream.IntStream.range(0, 10)
        .forEach(i -> tally.record(TestEvents.event(1, 500 - i, List.of(List.of("e", root), List.of("q", root)))));

    List<PagedFilter> next = HistoryPaging.nextPage(tally.result(), new PagingCaps(OptionalInt.of(10), 0, 0)).next();

    assertThat(next).containsExactly(byE.askedAlone(), byQ.askedAlone());
  }

  @Test
  void eventsOutsideTheFiltersDoNotCountForTheFilter() {
    PagedFilter first = new PagedFilter(KIND_1.withLimit(10), Set.of());
    PageTally tally = new PageTally(List.of(first));
    assertThat(tally.record(TestEvents.event(7, 100))).isFalse();
    assertThat(tally.record(TestEvents.event(1, 100))).isTrue();
    PageResult result = tally.result();
    assertThat(result.received()).isEqualTo(2);
    assertThat(result.filters().get(0).matched()).isEqualTo(1);
  }

  @Test
  void capsRememberTheLargestPages() {
    PagedFilter first = new PagedFilter(KIND_1.withLimit(500), Set.of());
    PagingCaps caps = PagingCaps.unknown().observe(page(first, events(70, 1000))).observe(page(first, events(30, 1000)));
    assertThat(caps.largestFilterPage()).isEqualTo(70);
    assertThat(caps.largestRequestPage()).isEqualTo(70);
  }
}
