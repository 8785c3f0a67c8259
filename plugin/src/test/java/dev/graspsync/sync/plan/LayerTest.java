package dev.graspsync.sync.plan;

import static dev.graspsync.sync.fixtures.TestEvents.hex64;
import static dev.graspsync.sync.fixtures.TestEvents.pubkey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.index.RepoRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerTest {

  @Test
  void everyFilterThePlanBuildsIsReadBackAsItsLayer() {
    ItemSet items = ItemSet.of(true, List.of(new RepoRef(pubkey(1), "x")), List.of(hex64(7)));
    for (LabelledFilter f : FilterPlan.forItems(items, 100)) {
      assertThat(Layer.of(f.filter())).as(f.filter().toJson()).isEqualTo(f.layer());
    }
  }
}
