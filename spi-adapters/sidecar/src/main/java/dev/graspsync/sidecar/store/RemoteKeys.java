package dev.graspsync.sidecar.store;

import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.negentropy.PackedStorage;
import dev.graspsync.nostr.negentropy.PackedStorageBuilder;
import dev.graspsync.spi.TooManyKeysException;
import io.vertx.core.Future;

/**
 * The negentropy local set ({@code EventStore.keys}) of a relay reached over NIP-01: every
 * matching event listed with paged REQs and reduced to (created_at, id), packed and sorted.
 * NIP-01 has no way to ask for ids alone, so this reads whole events; a relay speaking NIP-77
 * could answer with NEG-OPEN instead (not done yet). Reading stops with {@link
 * TooManyKeysException} once more than {@code maxItems} events match.
 */
final class RemoteKeys {
  private final PagedReader reader;

  RemoteKeys(PagedReader reader) {
    this.reader = reader;
  }

  Future<PackedStorage> keys(Filter filter, int maxItems) {
    PackedStorageBuilder keys = PackedStorage.builder();
    return reader.read(filter, page -> {
          for (var e : page) {
            if (e.createdAt() < 0) {
              continue; // not representable as a negentropy item
            }
            if (keys.size() == maxItems) {
              return Future.failedFuture(new TooManyKeysException(maxItems));
            }
            keys.add(e.createdAt(), e.id());
          }
          return Future.succeededFuture();
        })
        .map(done -> keys.seal());
  }
}
