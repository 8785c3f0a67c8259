package dev.graspsync.sync.session;

import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@code capacity} newest events one filter matched on one page, newest first (ties by
 * id): what a relay capping that filter at {@code capacity} was sure to have sent for it,
 * whatever it sent for the other filters of the REQ.
 */
final class NewestEvents {
  /** An event's place in time. */
  record Stamp(long createdAt, String id) {}

  private static final Comparator<Stamp> NEWEST_FIRST =
      Comparator.comparingLong(Stamp::createdAt).reversed().thenComparing(Stamp::id);

  private final int capacity;
  private final TreeSet<Stamp> newest = new TreeSet<>(NEWEST_FIRST);

  /** @param capacity how many to keep; 0 keeps none */
  NewestEvents(int capacity) {
    this.capacity = Math.max(0, capacity);
  }

  void add(long createdAt, String id) {
    if (capacity == 0) {
      return;
    }
    Stamp s = new Stamp(createdAt, id);
    if (newest.size() >= capacity && NEWEST_FIRST.compare(s, newest.last()) >= 0) {
      return;
    }
    newest.add(s);
    if (newest.size() > capacity) {
      newest.pollLast();
    }
  }

  List<Stamp> newestFirst() {
    return List.copyOf(newest);
  }
}
