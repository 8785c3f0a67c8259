package dev.graspsync.sync.reconcile;

import dev.graspsync.nostr.filter.Filter;
import java.util.List;

/**
 * Seam for the refused-event memory ({@code sync.refused}): events the host refused are not in
 * its store, so without this every reconciliation would find them missing and fetch them again,
 * to be refused again. Their (created_at, id) matching a filter are added to the local set of
 * that filter, so the relay and we agree on them. {@link #NONE} until the memory is wired.
 */
@FunctionalInterface
public interface RefusedItems {
  RefusedItems NONE = filter -> List.of();

  /** A refused event as a negentropy item: its created_at and hex id. */
  record Item(long createdAt, String id) {}

  /** Refused events matching {@code filter}; called on the relay worker's event loop, must not block. */
  List<Item> matching(Filter filter);
}
