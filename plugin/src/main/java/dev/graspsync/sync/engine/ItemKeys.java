package dev.graspsync.sync.engine;

import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.plan.SyncItem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Sync items as the state store keeps them ({@link SyncItem#key()}). */
final class ItemKeys {
  private ItemKeys() {}

  static List<String> keys(ItemSet items) {
    List<String> out = new ArrayList<>(items.size());
    for (SyncItem item : items.items()) {
      out.add(item.key());
    }
    return out;
  }

  /** Unreadable keys (from a newer version, or damaged) are skipped: they are planned again. */
  static ItemSet parse(Collection<String> keys) {
    List<SyncItem> items = new ArrayList<>(keys.size());
    for (String key : keys) {
      SyncItem.parseKey(key).ifPresent(items::add);
    }
    return ItemSet.of(items);
  }
}
