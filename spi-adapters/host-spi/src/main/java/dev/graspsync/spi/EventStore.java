package dev.graspsync.spi;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
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
   * (created_at, id) of every stored event matching the filter, ascending by created_at then
   * id: the item list a NIP-77 reconciliation needs.
   */
  Future<List<EventKey>> keys(Filter filter);
}
