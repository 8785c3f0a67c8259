package dev.graspsync.sync.plan;

import static dev.graspsync.sync.fixtures.TestEvents.hex64;
import static dev.graspsync.sync.fixtures.TestEvents.pubkey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.index.RepoRef;
import org.junit.jupiter.api.Test;

class SyncItemTest {

  @Test
  void keysRoundTrip() {
    SyncItem[] items = {
      SyncItem.Announcements.INSTANCE,
      new SyncItem.RepoItem(new RepoRef(pubkey(1), "x:y")),
      new SyncItem.RootItem(hex64(5)),
    };
    for (SyncItem item : items) {
      assertThat(SyncItem.parseKey(item.key())).contains(item);
    }
    assertThat(items[0].key()).isEqualTo("L1");
    assertThat(items[1].key()).isEqualTo("repo:30617:" + pubkey(1) + ":x:y");
    assertThat(items[2].key()).isEqualTo("root:" + hex64(5));
  }

  @Test
  void unknownKeysAreNotItems() {
    assertThat(SyncItem.parseKey("repo:nonsense")).isEmpty();
    assertThat(SyncItem.parseKey("root:")).isEmpty();
    assertThat(SyncItem.parseKey("L2")).isEmpty();
  }
}
