package dev.graspsync.sync.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ChunkedSet} against {@link HashSet} over random versions: each version is a random
 * edit session of adds and removes (elements from a range small enough that removes often hit
 * and chunks empty out again), and every earlier version must still read as it did.
 */
class ChunkedSetTest {

  @ParameterizedTest
  @ValueSource(ints = {4, 300, 5_000})
  void everyVersionBehavesLikeAHashSetAndStaysAsItWas(int range) {
    SplittableRandom random = new SplittableRandom(range);
    List<ChunkedSet<Integer>> versions = new ArrayList<>(List.of(ChunkedSet.empty()));
    List<Set<Integer>> models = new ArrayList<>(List.of(Set.of()));
    for (int v = 0; v < 60; v++) {
      // edit any earlier version, not only the newest: versions branch, as indexes may
      int from = random.nextInt(versions.size());
      ChunkedSet.Editor<Integer> editor = versions.get(from).edit();
      Set<Integer> model = new HashSet<>(models.get(from));
      int ops = random.nextInt(1 + range);
      boolean growing = random.nextInt(3) > 0;
      for (int i = 0; i < ops; i++) {
        // negative values too: their hashes set the top bits
        int x = random.nextInt(range) - range / 2;
        if (random.nextInt(4) > 0 == growing) {
          assertThat(editor.add(x)).isEqualTo(model.add(x));
        } else {
          assertThat(editor.remove(x)).isEqualTo(model.remove(x));
        }
        assertThat(editor.size()).isEqualTo(model.size());
      }
      versions.add(editor.freeze());
      models.add(Set.copyOf(model));
      for (int k = 0; k < versions.size(); k++) {
        assertSameSet(versions.get(k), models.get(k), range);
      }
    }
  }

  /** Through every chunk count and back, the chunks re-split as the set grows and shrinks. */
  @ParameterizedTest
  @ValueSource(ints = {1, 37, 500})
  void growsToThousandsAndShrinksToNothing(int perSession) {
    ChunkedSet<Integer> set = ChunkedSet.empty();
    Set<Integer> model = new HashSet<>();
    for (int phase = 0; phase < 2; phase++) {
      for (int from = 0; from < 4_000; from += perSession) {
        ChunkedSet.Editor<Integer> editor = set.edit();
        for (int x = from; x < Math.min(from + perSession, 4_000); x++) {
          if (phase == 0) {
            editor.add(x * 7919);
            model.add(x * 7919);
          } else {
            editor.remove(x * 7919);
            model.remove(x * 7919);
          }
        }
        set = editor.freeze();
        assertThat(set.size()).isEqualTo(model.size());
        if (from % 997 < perSession) {
          assertThat(set).isEqualTo(model);
          assertThat(model).isEqualTo(set);
        }
      }
    }
    assertThat(set).isSameAs(ChunkedSet.empty());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 1000})
  void anUnchangedSessionGivesTheSameVersionAndTheSetIsReadOnly(int size) {
    ChunkedSet.Editor<Integer> editor = ChunkedSet.<Integer>empty().edit();
    for (int i = 0; i < size; i++) {
      editor.add(i);
    }
    ChunkedSet<Integer> set = editor.freeze();
    ChunkedSet.Editor<Integer> again = set.edit();
    again.add(0);
    again.remove(-1);
    if (size == 0) {
      again.remove(0);
      assertThat(again.freeze()).isEmpty();
    } else {
      assertThat(again.freeze()).isSameAs(set);
    }
    assertThatThrownBy(() -> set.add(-5)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> set.iterator().remove()).isInstanceOf(RuntimeException.class);
  }

  private static void assertSameSet(ChunkedSet<Integer> set, Set<Integer> model, int range) {
    assertThat(set.size()).isEqualTo(model.size());
    assertThat(set.isEmpty()).isEqualTo(model.isEmpty());
    List<Integer> iterated = new ArrayList<>();
    set.forEach(iterated::add);
    assertThat(iterated).hasSize(model.size());
    assertThat(new HashSet<>(iterated)).isEqualTo(model);
    assertThat(set).isEqualTo(model);
    assertThat(set.hashCode()).isEqualTo(model.hashCode());
    for (int x = -range / 2 - 1; x <= range / 2 + 1; x++) {
      assertThat(set.contains(x)).as("contains %d", x).isEqualTo(model.contains(x));
    }
    assertThat(set.contains(null)).isFalse();
    assertThat(set.contains("1")).isFalse();
  }
}
