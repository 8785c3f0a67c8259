package dev.graspsync.sidecar.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.crypto.EventSigner;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.EventTemplate;
import dev.graspsync.nostr.filter.Filter;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PageCursorTest {
  private static final Keys KEYS = Keys.generate();
  private static final Filter ISSUES = Filter.builder().kinds(1621).build();

  private static Event at(long createdAt, String content) {
    return EventSigner.sign(new EventTemplate(createdAt, 1621, List.of(), content), KEYS);
  }

  @Test
  void pagesMoveBackWithUntilAndSkipWhatTheInclusiveBoundaryRepeats() {
    Event e30 = at(30, "a");
    Event e20a = at(20, "b");
    Event e20b = at(20, "c");
    Event e10 = at(10, "d");
    PageCursor first = PageCursor.first(ISSUES);
    assertThat(first.request(ISSUES, 3).until()).isEmpty();

    PageCursor.Step one = first.next(List.of(e30, e20a));
    assertThat(one.fresh()).containsExactly(e30, e20a);
    assertThat(one.next().request(ISSUES, 3).until()).isEqualTo(OptionalLong.of(20));
    assertThat(one.next().request(ISSUES, 3).limit().getAsInt()).isEqualTo(3);

    PageCursor.Step two = one.next().next(List.of(e20a, e20b, e10));
    assertThat(two.fresh()).containsExactly(e20b, e10);

    PageCursor.Step end = two.next().next(List.of(e10));
    assertThat(end.fresh()).isEmpty();
    assertThat(end.skippedASecond()).as("only the boundary came back: step past it").isTrue();
    PageCursor.Step last = end.next().next(List.of());
    assertThat(last.next().done()).isTrue();
  }

  @Test
  void aFullPageAtOneSecondStepsBackInsteadOfLoopingForever() {
    Event a = at(50, "a");
    Event b = at(50, "b");
    PageCursor.Step one = PageCursor.first(ISSUES).next(List.of(a, b));
    PageCursor.Step stuck = one.next().next(List.of(a, b));
    assertThat(stuck.fresh()).isEmpty();
    assertThat(stuck.skippedASecond()).isTrue();
    assertThat(stuck.next().until()).isEqualTo(OptionalLong.of(49));
  }

  @Test
  void theFiltersOwnUntilIsWhereReadingStarts() {
    Filter bounded = ISSUES.withUntil(100);
    assertThat(PageCursor.first(bounded).request(bounded, 10).until()).isEqualTo(OptionalLong.of(100));
  }
}
