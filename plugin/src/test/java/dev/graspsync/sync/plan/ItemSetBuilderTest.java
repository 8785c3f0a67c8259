package dev.graspsync.sync.plan;

import static dev.graspsync.sync.fixtures.TestEvents.hex64;
import static dev.graspsync.sync.fixtures.TestEvents.pubkey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.index.RepoRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ItemSetBuilderTest {

  private final ItemSet a = ItemSet.of(true, List.of(new RepoRef(pubkey(1), "x")), List.of(hex64(1), hex64(2)));
  private final ItemSet b = ItemSet.of(false, List.of(new RepoRef(pubkey(2), "y")), List.of(hex64(2), hex64(3)));

  @Test
  void addingAndRemovingGivesWhatSetAlgebraGives() {
    ItemSetBuilder builder = new ItemSetBuilder().addAll(a).addAll(b);
    assertThat(builder.snapshot()).isEqualTo(a.union(b));
    builder.removeAll(a);
    assertThat(builder.snapshot()).isEqualTo(a.union(b).minus(a));
    assertThat(builder.size()).isEqualTo(2);
  }

  @Test
  void aSnapshotDoesNotChangeWithTheBuilder() {
    ItemSetBuilder builder = new ItemSetBuilder().addAll(a);
    ItemSet before = builder.snapshot();
    builder.addAll(b);
    assertThat(before).isEqualTo(a);
    builder.clear();
    assertThat(builder.isEmpty()).isTrue();
    assertThat(builder.snapshot()).isEqualTo(ItemSet.EMPTY);
  }

  /**
   * The builder against the old semantics (HashSets copied into an ItemSet), and new work
   * computed against its live view equal to new work against a snapshot, over random batches.
   */
  @Test
  void randomBatchesAgreeWithHashSetsAndNewWorkIsTheSameFromTheView() {
    for (long seed = 1; seed <= 100; seed++) {
      Random random = new Random(seed);
      List<RepoRef> repoPool = new ArrayList<>();
      List<String> rootPool = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        repoPool.add(new RepoRef(pubkey(i % 7 + 1), "r" + i));
        rootPool.add(hex64(i + 1));
      }
      ItemSetBuilder builder = new ItemSetBuilder();
      boolean l1 = false;
      Set<RepoRef> repos = new HashSet<>();
      Set<String> roots = new HashSet<>();
      for (int op = 0; op < 300; op++) {
        ItemSet batch = randomSet(random, repoPool, rootPool);
        switch (random.nextInt(7)) {
          case 0, 1, 2 -> {
            builder.addAll(batch);
            l1 |= batch.announcements();
            repos.addAll(batch.repos());
            roots.addAll(batch.rootEvents());
          }
          case 3, 4, 5 -> {
            builder.removeAll(batch);
            l1 &= !batch.announcements();
            repos.removeAll(batch.repos());
            roots.removeAll(batch.rootEvents());
          }
          default -> {
            if (random.nextInt(10) == 0) {
              builder.clear();
              l1 = false;
              repos.clear();
              roots.clear();
            }
          }
        }
        ItemSet expected = ItemSet.of(l1, repos, roots);
        assertThat(builder.snapshot()).as("seed %d op %d", seed, op).isEqualTo(expected);
        assertThat(builder.size()).isEqualTo(expected.size());
        assertThat(builder.isEmpty()).isEqualTo(expected.isEmpty());
        ItemSet targets = randomSet(random, repoPool, rootPool);
        assertThat(Planner.newWork(targets, builder, ItemSet.EMPTY, ItemSet.EMPTY))
            .isEqualTo(Planner.newWork(targets, expected, ItemSet.EMPTY, ItemSet.EMPTY));
        assertThat(ItemSet.difference(builder, targets)).isEqualTo(expected.minus(targets));
      }
    }
  }

  private static ItemSet randomSet(Random random, List<RepoRef> repoPool, List<String> rootPool) {
    Set<RepoRef> repos = new HashSet<>();
    Set<String> roots = new HashSet<>();
    int n = random.nextInt(25);
    for (int i = 0; i < n; i++) {
      repos.add(repoPool.get(random.nextInt(repoPool.size())));
      roots.add(rootPool.get(random.nextInt(rootPool.size())));
    }
    return ItemSet.of(random.nextInt(4) == 0, repos, roots);
  }
}
