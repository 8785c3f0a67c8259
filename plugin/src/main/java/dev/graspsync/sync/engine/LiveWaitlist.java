package dev.graspsync.sync.engine;

import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.plan.LiveBudget;
import dev.graspsync.sync.plan.LiveLayout;
import dev.graspsync.sync.plan.LivePacking;
import dev.graspsync.sync.plan.LiveTail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Items waiting for a live subscription ({@link LiveTail}): the tail of items whose history
 * was sent, the {@code since} their subscription must reach back to, when the first of them
 * came, and the filters carried over from a tail that opened only its full REQs. On the
 * owning worker's event loop.
 */
final class LiveWaitlist {
  private ItemSet items = ItemSet.EMPTY;
  private long since = Long.MAX_VALUE;
  private Optional<Instant> startedAt = Optional.empty();
  /**
   * Filters of covered items still without a REQ: the partly filled last subscription of a
   * tail opened while history ran ({@link LiveTail#packsToOpen}). They lead the next layout;
   * a consolidation lays their items out with the rest.
   */
  private List<Filter> carried = List.of();
  private Optional<CachedLayout> cached = Optional.empty();

  /** @return whether the list was empty, so that the owner starts the max-age timer */
  boolean add(ItemSet adding, long addingSince, Instant now) {
    boolean first = isEmpty();
    if (first) {
      startedAt = Optional.of(now);
    }
    items = items.union(adding);
    since = Math.min(since, addingSince);
    return first;
  }

  /** Items whose history failed: no live subscription for them yet. */
  void forget(ItemSet failed) {
    if (!items.isEmpty() && !failed.isEmpty()) {
      items = items.minus(failed);
      if (isEmpty()) {
        clear();
      }
    }
  }

  /** The waiting items' layout, carried filters first; kept until the items or the budget change. */
  LiveLayout layout(int chunkSize, OptionalInt limit, LiveBudget budget) {
    if (cached.isEmpty() || cached.get().budget() != budget || cached.get().items() != items
        || cached.get().carried() != carried) {
      LiveLayout own = LiveLayout.of(items, chunkSize, since, limit, budget, Integer.MAX_VALUE);
      cached = Optional.of(new CachedLayout(items, carried, budget, carried.isEmpty() ? own : withCarried(own, budget)));
    }
    return cached.get().layout();
  }

  private LiveLayout withCarried(LiveLayout own, LiveBudget budget) {
    List<Filter> filters = new ArrayList<>(carried);
    own.subscriptions().forEach(filters::addAll);
    return new LiveLayout(LivePacking.pack(filters, budget.filtersPerRequest(), budget.bytesPerRequest()), List.of());
  }

  /** The last REQ of the layout waits; the items are covered by the REQs that opened. */
  void carry(List<Filter> lastPack) {
    carried = List.copyOf(lastPack);
    items = ItemSet.EMPTY;
  }

  void clear() {
    items = ItemSet.EMPTY;
    carried = List.of();
    since = Long.MAX_VALUE;
    startedAt = Optional.empty();
  }

  boolean isEmpty() {
    return items.isEmpty() && carried.isEmpty();
  }

  boolean hasCarried() {
    return !carried.isEmpty();
  }

  ItemSet items() {
    return items;
  }

  long since() {
    return since;
  }

  Duration age(Instant now) {
    return Duration.between(startedAt.orElse(now), now);
  }

  private record CachedLayout(ItemSet items, List<Filter> carried, LiveBudget budget, LiveLayout layout) {}
}
