package dev.graspsync.sidecar.store;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Where a paged read of one filter stands: the {@code until} of the next page and the ids
 * already delivered at that second (NIP-01 {@code until} is inclusive, so the next page
 * repeats them). Pure: {@link #next} takes a page and says what is new and where to go on.
 *
 * @param until the next page's {@code until}; empty for the first page
 * @param atUntil ids already delivered whose created_at is {@code until}
 */
public record PageCursor(OptionalLong until, Set<String> atUntil, boolean done) {

  public PageCursor {
    atUntil = Set.copyOf(atUntil);
  }

  /** What one page gave: the events not delivered before, and the cursor for the next page. */
  public record Step(List<Event> fresh, PageCursor next, boolean skippedASecond) {}

  public static PageCursor first(Filter filter) {
    return new PageCursor(filter.until(), Set.of(), false);
  }

  /** The filter of the next page: the caller's filter, capped at {@code until}, limited to {@code pageSize}. */
  public Filter request(Filter filter, int pageSize) {
    Filter paged = filter.withLimit(pageSize);
    return until.isPresent() ? paged.withUntil(until.getAsLong()) : paged;
  }

  /**
   * Takes a page. An empty page ends the read. A page holding nothing new (more events at one
   * second than the relay returns at once) steps one second back: those events cannot be
   * reached with NIP-01 paging, and the caller logs it.
   */
  public Step next(List<Event> page) {
    if (page.isEmpty()) {
      return new Step(List.of(), new PageCursor(until, atUntil, true), false);
    }
    List<Event> fresh = new ArrayList<>();
    long oldest = Long.MAX_VALUE;
    for (Event e : page) {
      boolean seen = until.isPresent() && e.createdAt() == until.getAsLong() && atUntil.contains(e.id());
      if (!seen && (until.isEmpty() || e.createdAt() <= until.getAsLong())) {
        fresh.add(e);
      }
      oldest = Math.min(oldest, e.createdAt());
    }
    if (fresh.isEmpty()) {
      long back = until.orElse(oldest) - 1;
      return new Step(List.of(), new PageCursor(OptionalLong.of(back), Set.of(), back < 0), true);
    }
    Set<String> boundary = new HashSet<>();
    if (until.isPresent() && oldest == until.getAsLong()) {
      boundary.addAll(atUntil);
    }
    for (Event e : fresh) {
      if (e.createdAt() == oldest) {
        boundary.add(e.id());
      }
    }
    return new Step(List.copyOf(fresh), new PageCursor(OptionalLong.of(oldest), boundary, false), false);
  }
}
