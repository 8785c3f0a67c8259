package dev.graspsync.sidecar.store;

import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.spi.EventKey;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * The negentropy local set ({@code EventStore.keys}) of a relay reached over NIP-01: every
 * matching event listed with paged REQs and reduced to (created_at, id), ascending. NIP-01 has
 * no way to ask for ids alone, so this reads whole events; a relay speaking NIP-77 could answer
 * with NEG-OPEN instead (not done yet).
 */
final class RemoteKeys {
  private final PagedReader reader;

  RemoteKeys(PagedReader reader) {
    this.reader = reader;
  }

  Future<List<EventKey>> keys(Filter filter) {
    List<EventKey> keys = new ArrayList<>();
    return reader.read(filter, page -> {
          page.forEach(e -> keys.add(new EventKey(e.createdAt(), e.id())));
          return Future.succeededFuture();
        })
        .map(done -> {
          keys.sort(null);
          return List.copyOf(keys);
        });
  }
}
