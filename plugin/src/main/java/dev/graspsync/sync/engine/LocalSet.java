package dev.graspsync.sync.engine;

import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.negentropy.NegentropyStorage;
import dev.graspsync.nostr.negentropy.PackedStorage;
import dev.graspsync.nostr.negentropy.PackedStorageBuilder;
import dev.graspsync.spi.EventKey;
import dev.graspsync.spi.EventStore;
import dev.graspsync.sync.reconcile.RefusedItems;
import io.vertx.core.Future;
import java.util.List;

/**
 * The host's side of a reconciliation: the (created_at, id) items its store holds for a filter,
 * read from its indexes without event bodies ({@link EventStore#keys}), plus the events it
 * refused ({@link RefusedItems}), which it does not hold but must not be fetched again.
 */
final class LocalSet {
  private LocalSet() {}

  static Future<NegentropyStorage> load(EventStore store, Filter filter, RefusedItems refused) {
    return store.keys(filter.withoutLimit()).map(keys -> build(keys, refused.matching(filter)));
  }

  private static NegentropyStorage build(List<EventKey> stored, List<EventKey> refused) {
    PackedStorageBuilder b = PackedStorage.builder(stored.size() + refused.size());
    for (EventKey k : stored) {
      b.add(k.createdAt(), k.id());
    }
    for (EventKey k : refused) {
      b.add(k.createdAt(), k.id());
    }
    return b.seal();
  }
}
