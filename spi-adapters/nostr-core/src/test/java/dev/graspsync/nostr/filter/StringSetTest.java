package dev.graspsync.nostr.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link StringSet} against the LinkedHashSet it stands for: first-seen order, lookups, size. */
class StringSetTest {

  @Test
  void randomValuesWithRepeatsKeepFirstSeenOrderAndAnswerLookups() {
    for (long seed = 1; seed <= 300; seed++) {
      Random random = new Random(seed);
      int universe = 1 + random.nextInt(300);
      List<String> values = new ArrayList<>();
      int n = random.nextInt(400);
      for (int i = 0; i < n; i++) {
        values.add("v" + random.nextInt(universe));
      }
      Set<String> expected = new LinkedHashSet<>(values);
      StringSet set = StringSet.of(values);
      assertThat(set).as("seed %d", seed).containsExactlyElementsOf(expected);
      assertThat(set.size()).isEqualTo(expected.size());
      for (int i = 0; i < universe + 5; i++) {
        assertThat(set.contains("v" + i)).isEqualTo(expected.contains("v" + i));
      }
      assertThat(set.contains(7)).isFalse();
      assertThat(set).isEqualTo(expected);
    }
  }

  @Test
  void aLargeSetSpreadsOverItsWholeTable() {
    Random random = new Random(7);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      values.add(Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
    }
    assertThat(StringSet.of(values).longestProbe()).isLessThan(200);
  }

  @Test
  void itCannotBeChangedAndHoldsNoNull() {
    StringSet set = StringSet.of(List.of("a", "b"));
    assertThatThrownBy(() -> set.add("c")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> {
      var it = set.iterator();
      it.next();
      it.remove();
    }).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> StringSet.of(java.util.Arrays.asList("a", null))).isInstanceOf(NullPointerException.class);
    assertThat(StringSet.of(List.of())).isEmpty();
  }
}
