package dev.graspsync.sync.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link CompactSet} against {@link HashSet}, the set it replaces, over random operations. */
class CompactSetTest {

  /** Keys whose hash codes collide in groups, so probe runs wrap and deletions shift members back. */
  private record Key(int value, int hash) {
    @Override
    public int hashCode() {
      return hash;
    }
  }

  @Test
  void randomAddsAndRemovesAgreeWithAHashSet() {
    for (long seed = 1; seed <= 100; seed++) {
      Random random = new Random(seed);
      int universe = 1 + random.nextInt(seed % 3 == 0 ? 20 : 2_000);
      int hashes = 1 + random.nextInt(universe);
      CompactSet<Key> compact = new CompactSet<>();
      Set<Key> reference = new HashSet<>();
      for (int op = 0; op < 3_000; op++) {
        int v = random.nextInt(universe);
        Key k = new Key(v, v % hashes);
        int what = random.nextInt(10);
        if (what < 5) {
          assertThat(compact.add(k)).as("seed %d add %s", seed, k).isEqualTo(reference.add(k));
        } else if (what < 9) {
          assertThat(compact.remove(k)).as("seed %d remove %s", seed, k).isEqualTo(reference.remove(k));
        } else if (random.nextInt(50) == 0) {
          compact.clear();
          reference.clear();
        }
        assertThat(compact.contains(k)).isEqualTo(reference.contains(k));
        assertThat(compact.size()).isEqualTo(reference.size());
      }
      assertThat(compact).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(reference);
      for (Key k : reference) {
        assertThat(compact.contains(k)).isTrue();
      }
    }
  }

  @Test
  void aLargeSetSpreadsOverItsWholeTable() {
    // B4's busiest relay holds about 58,000 items; past 65,536 slots a fixed 16-bit hash
    // crowded them into the table's first quarter and one look-up probed thousands of slots
    CompactSet<String> set = new CompactSet<>();
    Random random = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      set.add(Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
    }
    assertThat(set.longestProbe()).isLessThan(200);
  }

  @Test
  void aSetThatDrainsGivesItsMemoryBackAndStillWorks() {
    CompactSet<String> set = new CompactSet<>();
    for (int i = 0; i < 100_000; i++) {
      set.add("id-" + i);
    }
    for (int i = 0; i < 99_990; i++) {
      assertThat(set.remove("id-" + i)).isTrue();
    }
    assertThat(set).containsExactlyInAnyOrder(
        "id-99990", "id-99991", "id-99992", "id-99993", "id-99994",
        "id-99995", "id-99996", "id-99997", "id-99998", "id-99999");
    assertThat(set.contains("id-5")).isFalse();
  }

  @Test
  void nullIsNeitherHeldNorFound() {
    CompactSet<String> set = new CompactSet<>();
    assertThatThrownBy(() -> set.add(null)).isInstanceOf(NullPointerException.class);
    assertThat(set.contains(null)).isFalse();
    assertThat(set.remove(null)).isFalse();
  }
}
