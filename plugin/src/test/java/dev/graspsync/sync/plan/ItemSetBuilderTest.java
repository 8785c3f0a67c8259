package dev.graspsync.sync.plan;

import static dev.graspsync.sync.fixtures.TestEvents.hex64;
import static dev.graspsync.sync.fixtures.TestEvents.pubkey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.index.RepoRef;
import java.util.List;
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
}
