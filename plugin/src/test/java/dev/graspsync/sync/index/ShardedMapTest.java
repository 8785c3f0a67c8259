package dev.graspsync.sync.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardedMapTest {

  @Test
  void behavesLikeAMapAndKeepsOldVersions() {
    ShardedMap<Integer, String> v0 = ShardedMap.empty();
    ShardedMap.Editor<Integer, String> e = v0.edit();
    Map<Integer, String> model = new HashMap<>();
    for (int i = 0; i < 5000; i++) {
      e.put(i, "v" + i);
      model.put(i, "v" + i);
    }
    ShardedMap<Integer, String> v1 = e.freeze();
    ShardedMap.Editor<Integer, String> e2 = v1.edit();
    for (int i = 0; i < 5000; i += 3) {
      e2.remove(i);
    }
    e2.remove(-1);
    e2.put(7, "changed");
    ShardedMap<Integer, String> v2 = e2.freeze();

    assertThat(v0.size()).isZero();
    assertThat(v1.size()).isEqualTo(5000);
    for (int i = 0; i < 5000; i++) {
      assertThat(v1.get(i)).isEqualTo(model.get(i));
      assertThat(v2.containsKey(i)).isEqualTo(i % 3 != 0);
    }
    assertThat(v2.get(7)).isEqualTo("changed");
    assertThat(v1.get(7)).isEqualTo("v7");
    assertThat(v2.size()).isEqualTo(5000 - 1667);
    assertThat(v2.keys()).hasSize(v2.size());
    assertThat(v2.values()).hasSize(v2.size());
    int[] count = {0};
    v2.forEach((k, v) -> count[0]++);
    assertThat(count[0]).isEqualTo(v2.size());
  }
}
