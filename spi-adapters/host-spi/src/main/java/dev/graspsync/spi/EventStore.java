package dev.graspsync.spi;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.negentropy.PackedStorage;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Read side of the host's event store. All methods run their I/O off the event loop and
 * complete their futures on the caller's context; none blocks the caller.
 */
public interface EventStore {

  /**
   * Stored events matching any of the filters, newest first, each filter bounded by its
   * {@code limit} and the host's maximum. For bounded lookups; use {@link #scan} to read
   * everything.
   */
  Future<List<Event>> query(List<Filter> filters);

  /**
   * Every stored event matching any of the filters (their {@code limit}s ignored), each
   * once, delivered in pages to {@code page} on the caller's context. The next page is read
   * only after {@code page} returns, so memory stays bounded whatever the store holds.
   * Completes after the last page.
   */
  Future<Void> scan(List<Filter> filters, Consumer<List<Event>> page);

  /** Whether an event with this id is stored. */
  Future<Boolean> contains(String eventId);

  /** The subset of {@code eventIds} that is stored: one round trip for a page of events. */
  Future<Set<String>> containsAll(Collection<String> eventIds);

  /**
   * The local set of a NIP-77 reconciliation: (created_at, id) of every stored event matching
   * the filter (its {@code limit} ignored), packed and sorted ascending by created_at then id,
   * each event once. Read from the store's indexes in bounded steps on the host's read pool,
   * without parsing events where the index answers the filter; the future completes on the
   * caller's context. Memory is about 41 bytes per item.
   *
   * <p>At most {@code maxItems} items: when more events match, the future fails with {@link
   * TooManyKeysException} as soon as the bound is passed (split the filter by time and ask
   * again). Events with a negative created_at cannot be negentropy items and are left out.
   *
   * @param maxItems the most items the caller accepts, at least 0
   */
  Future<PackedStorage> keys(Filter filter, int maxItems);
}
