package dev.graspsync.sync.plan;

import static dev.graspsync.sync.fixtures.TestEvents.hex64;
import static dev.graspsync.sync.fixtures.TestEvents.pubkey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.index.RepoRef;
import dev.graspsync.sync.relay.RelayUrl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private final RelayUrl a = RelayUrl.parse("wss://a.example").url().orElseThrow();
  private final RelayUrl b = RelayUrl.parse("wss://b.example").url().orElseThrow();
  private final RepoRef r1 = new RepoRef(pubkey(1), "one");
  private final RepoRef r2 = new RepoRef(pubkey(2), "two");
  private final RepoRef r3 = new RepoRef(pubkey(3), "three");

  private RelayTargets targets(RelayTarget... ts) {
    Map<RelayUrl, RelayTarget> m = new LinkedHashMap<>();
    for (RelayTarget t : ts) {
      m.put(t.relay(), t);
    }
    return new RelayTargets(m, List.of());
  }

  @Test
  void newWorkIsTargetsMinusPendingMinusConfirmed() {
    RelayTargets t = targets(
        new RelayTarget(a, false, ItemSet.of(true, Set.of(r1, r2, r3), Set.of(hex64(1), hex64(2)))),
        new RelayTarget(b, false, ItemSet.of(true, Set.of(r1), Set.of())));
    Map<RelayUrl, ItemSet> pending = Map.of(a, ItemSet.of(false, Set.of(r1), Set.of(hex64(1))));
    Map<RelayUrl, ItemSet> confirmed = Map.of(
        a, ItemSet.of(true, Set.of(r2), Set.of()),
        b, ItemSet.of(true, Set.of(r1), Set.of()));
    List<PlanDiff> work = Planner.newWork(t, pending, confirmed);
    assertThat(work).containsExactly(new PlanDiff(a, ItemSet.of(false, Set.of(r3), Set.of(hex64(2)))));
  }

  @Test
  void parkedItemsWaitForTheDailyResync() {
    RelayTargets t = targets(new RelayTarget(a, false, ItemSet.of(true, Set.of(r1, r2), Set.of())));
    Map<RelayUrl, ItemSet> parked = Map.of(a, ItemSet.of(false, Set.of(r2), Set.of()));
    assertThat(Planner.newWork(t, Map.of(), Map.of(), parked))
        .containsExactly(new PlanDiff(a, ItemSet.of(true, Set.of(r1), Set.of())));
  }

  @Test
  void aNewRelayNeedsEverything() {
    ItemSet all = ItemSet.of(true, Set.of(r1), Set.of(hex64(3)));
    assertThat(Planner.newWork(targets(new RelayTarget(b, true, all)), Map.of(), Map.of()))
        .containsExactly(new PlanDiff(b, all));
  }

  @Test
  void splitBoundsEachBatch() {
    List<RepoRef> repos = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      repos.add(new RepoRef(pubkey(100 + i), "r" + i));
    }
    List<String> roots = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      roots.add(hex64(5000 + i));
    }
    ItemSet work = ItemSet.of(true, repos, roots);
    List<ItemSet> batches = Planner.split(work, 100);
    assertThat(batches).hasSize(3);
    assertThat(batches.get(0).announcements()).isTrue();
    assertThat(batches.subList(1, 3)).noneMatch(ItemSet::announcements);
    assertThat(batches).allSatisfy(bt -> {
      assertThat(bt.repos().size()).isLessThanOrEqualTo(100);
      assertThat(bt.rootEvents().size()).isLessThanOrEqualTo(100);
      assertThat(FilterPlan.count(bt, 100)).isLessThanOrEqualTo(8);
    });
    ItemSet union = ItemSet.EMPTY;
    for (ItemSet bt : batches) {
      union = union.union(bt);
    }
    assertThat(union).isEqualTo(work);
    assertThat(new HashSet<>(batches)).hasSize(3);
  }

  @Test
  void splitOfOnlyL1IsOneBatch() {
    assertThat(Planner.split(ItemSet.of(true, Set.of(), Set.of()), 100))
        .containsExactly(ItemSet.of(true, Set.of(), Set.of()));
    assertThat(Planner.split(ItemSet.EMPTY, 100)).isEmpty();
  }
}
