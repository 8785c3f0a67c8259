package dev.graspsync.sync.plan;

import static dev.graspsync.sync.fixtures.TestEvents.hex64;
import static dev.graspsync.sync.fixtures.TestEvents.pubkey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.index.RepoRef;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ItemSetTest {
  private final RepoRef r1 = new RepoRef(pubkey(1), "a");
  private final RepoRef r2 = new RepoRef(pubkey(2), "b");
  private final String e1 = hex64(1);
  private final String e2 = hex64(2);

  @Test
  void minusRemovesWhatAnyOtherSetHolds() {
    ItemSet all = ItemSet.of(true, Set.of(r1, r2), Set.of(e1, e2));
    ItemSet pending = ItemSet.of(false, Set.of(r1), Set.of());
    ItemSet confirmed = ItemSet.of(true, Set.of(), Set.of(e2));
    assertThat(all.minus(pending, confirmed)).isEqualTo(ItemSet.of(false, Set.of(r2), Set.of(e1)));
    assertThat(all.minus(all)).isEqualTo(ItemSet.EMPTY);
    assertThat(all.minus(all).isEmpty()).isTrue();
  }

  @Test
  void unionContainsAndSize() {
    ItemSet a = ItemSet.of(true, Set.of(r1), Set.of());
    ItemSet b = ItemSet.of(false, Set.of(r2), Set.of(e1));
    ItemSet u = a.union(b);
    assertThat(u.size()).isEqualTo(4);
    assertThat(u.contains(SyncItem.Announcements.INSTANCE)).isTrue();
    assertThat(u.contains(new SyncItem.RepoItem(r2))).isTrue();
    assertThat(u.contains(new SyncItem.RootItem(e1))).isTrue();
    assertThat(u.contains(new SyncItem.RootItem(e2))).isFalse();
    assertThat(ItemSet.EMPTY.union(a)).isSameAs(a);
  }

  @Test
  void convertsToAndFromItems() {
    ItemSet s = ItemSet.of(true, Set.of(r2, r1), Set.of(e2, e1));
    List<SyncItem> items = s.items();
    assertThat(items).containsExactly(SyncItem.Announcements.INSTANCE, new SyncItem.RepoItem(r1),
        new SyncItem.RepoItem(r2), new SyncItem.RootItem(e1), new SyncItem.RootItem(e2));
    assertThat(ItemSet.of(items)).isEqualTo(s).hasSameHashCodeAs(s);
  }

  @Test
  void copiesItsInput() {
    var repos = new java.util.HashSet<>(Set.of(r1));
    ItemSet s = ItemSet.of(false, repos, Set.of());
    repos.add(r2);
    assertThat(s.repos()).containsExactly(r1);
  }
}
