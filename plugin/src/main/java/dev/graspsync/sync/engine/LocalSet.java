package dev.graspsync.sync.engine;

import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.negentropy.Negentropy;
import dev.graspsync.nostr.negentropy.NegentropyStorage;
import dev.graspsync.nostr.negentropy.PackedStorage;
import dev.graspsync.nostr.negentropy.PackedStorageBuilder;
import dev.graspsync.spi.EventStore;
import dev.graspsync.sync.reconcile.RefusedItems;
import io.vertx.core.Future;
import java.util.List;

/**
 * The host's side of a reconciliation: the (created_at, id) items its store holds for a filter,
 * packed, read from its indexes without event bodies ({@link EventStore#keys}), plus the events
 * it refused ({@link RefusedItems}), which it does not hold but must not fetch again. Past
 * {@link #MAX_ITEMS} the host fails with {@code TooManyKeysException} and the filter is split.
 */
final class LocalSet {
  /** Items of one local set at most: about 41 MB. */
  static final int MAX_ITEMS = 1_000_000;

  private LocalSet() {}

  static Future<NegentropyStorage> load(EventStore store, Filter filter, RefusedItems refused) {
    return store.keys(filter.withoutLimit(), MAX_ITEMS).map(stored -> withRefused(stored, refused.matching(filter)));
  }

  private static NegentropyStorage withRefused(PackedStorage stored, List<RefusedItems.Item> refused) {
    if (refused.isEmpty()) {
      return stored;
    }
    PackedStorageBuilder b = PackedStorage.builder(stored.size() + refused.size());
    byte[] id = new byte[Negentropy.ID_SIZE];
    for (int i = 0; i < stored.size(); i++) {
      stored.copyId(i, id, 0);
      b.add(stored.createdAt(i), id);
    }
    for (RefusedItems.Item item : refused) {
      b.add(item.createdAt(), item.id());
    }
    return b.seal();
  }
}
