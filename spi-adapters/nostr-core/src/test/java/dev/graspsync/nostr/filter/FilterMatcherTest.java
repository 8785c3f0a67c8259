package dev.graspsync.nostr.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.event.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterMatcherTest {
  static final String ID = "1".repeat(64);
  static final String PK = "2".repeat(64);
  static final Event PATCH = new Event(ID, PK, 100, 1617,
      List.of(List.of("a", "30617:owner:repo"), List.of("t", "root"), List.of("p"), List.of("E", "x")), "", "3".repeat(128), "{}");

  static boolean matches(FilterBuilder b) {
    return b.build().matches(PATCH);
  }

  @Test
  void emptyFilterMatchesEverything() {
    assertThat(matches(Filter.builder())).isTrue();
  }

  @Test
  void idsAuthorsKinds() {
    assertThat(matches(Filter.builder().ids(List.of(ID)))).isTrue();
    assertThat(matches(Filter.builder().ids(List.of(PK)))).isFalse();
    assertThat(matches(Filter.builder().ids(List.of()))).isFalse();
    assertThat(matches(Filter.builder().authors(List.of(ID, PK)))).isTrue();
    assertThat(matches(Filter.builder().authors(List.of(ID)))).isFalse();
    assertThat(matches(Filter.builder().kinds(1, 1617))).isTrue();
    assertThat(matches(Filter.builder().kinds(1, 1618))).isFalse();
    assertThat(matches(Filter.builder().kinds(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1617))).isTrue();
    assertThat(matches(Filter.builder().kinds(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1618))).isFalse();
  }

  @Test
  void sinceAndUntilAreInclusive() {
    assertThat(matches(Filter.builder().since(100).until(100))).isTrue();
    assertThat(matches(Filter.builder().since(101))).isFalse();
    assertThat(matches(Filter.builder().until(99))).isFalse();
  }

  @Test
  void tagConditionsMatchTheSecondElementOfSingleLetterTags() {
    assertThat(matches(Filter.builder().tag('a', List.of("nope", "30617:owner:repo")))).isTrue();
    assertThat(matches(Filter.builder().tag('a', List.of("30617:owner")))).isFalse();
    assertThat(matches(Filter.builder().tag('E', List.of("x")))).isTrue();
    assertThat(matches(Filter.builder().tag('e', List.of("x")))).as("tag letters are case-sensitive").isFalse();
    assertThat(matches(Filter.builder().tag('p', List.of("")))).as("a one-element tag has no value").isFalse();
    assertThat(matches(Filter.builder().tag('a', List.of("30617:owner:repo")).tag('t', List.of("other")))).isFalse();
    assertThat(matches(Filter.builder().tag('a', List.of("30617:owner:repo")).tag('t', List.of("root")).kinds(1617))).isTrue();
  }

  @Test
  void limitPlaysNoPartInMatching() {
    assertThat(matches(Filter.builder().limit(0))).isTrue();
  }

  @Test
  void filtersFromJsonMatchLikeBuiltOnes() {
    Filter f = Filter.fromJson("{\"kinds\":[1617],\"#a\":[\"30617:owner:repo\"],\"since\":100}");
    assertThat(f.matches(PATCH)).isTrue();
    assertThat(f.withSince(101).matches(PATCH)).isFalse();
  }

  @Test
  void matchingAllocatesNothing() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    Filter f = Filter.fromJson("{\"kinds\":[1,1111,1617,1618,1621],\"authors\":[\"" + PK + "\"],\"#a\":[\"30617:owner:repo\"],\"#t\":[\"root\"],\"since\":1}");
    boolean all = true;
    for (int i = 0; i < 10_000; i++) {
      all &= f.matches(PATCH);
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 100_000; i++) {
      all &= f.matches(PATCH);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(all).isTrue();
    // a boxed Integer or an iterator per call would be megabytes here
    assertThat(allocated).isLessThan(10_000);
  }
}
