package dev.graspsync.sync.plan;

import dev.graspsync.nostr.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How a relay's live items are laid out in subscriptions: the fewest filters covering them
 * ({@link FilterPlan}, every filter with the same {@code since}), packed into REQs ({@link
 * LivePacking}), at most {@code maxSubscriptions} of them. What does not fit is {@code
 * overflow}: filters the relay cannot carry live within its limits, fetched by polling instead.
 */
public record LiveLayout(List<List<Filter>> subscriptions, List<Filter> overflow) {

  public LiveLayout {
    subscriptions = List.copyOf(subscriptions);
    overflow = List.copyOf(overflow);
  }

  public static LiveLayout of(ItemSet items, int chunkSize, long since, LiveBudget budget, int maxSubscriptions) {
    return of(items, chunkSize, since, OptionalInt.empty(), budget, maxSubscriptions);
  }

  /**
   * @param limit {@code limit} on every filter (the relay's {@code max_limit}, so a filter cut
   *     short at it is recognised); part of the filters before they are packed, so it counts
   *     toward the REQ's size
   */
  public static LiveLayout of(
      ItemSet items, int chunkSize, long since, OptionalInt limit, LiveBudget budget, int maxSubscriptions) {
    List<Filter> filters = FilterPlan.forItems(items, chunkSize, OptionalLong.of(since)).stream()
        .map(LabelledFilter::filter)
        .map(f -> limit.isPresent() ? f.withLimit(limit.getAsInt()) : f)
        .toList();
    List<List<Filter>> packs = LivePacking.pack(filters, budget.filtersPerRequest(), budget.bytesPerRequest());
    if (packs.size() <= maxSubscriptions) {
      return new LiveLayout(packs, List.of());
    }
    List<Filter> overflow = new ArrayList<>();
    packs.subList(Math.max(0, maxSubscriptions), packs.size()).forEach(overflow::addAll);
    return new LiveLayout(packs.subList(0, Math.max(0, maxSubscriptions)), overflow);
  }

  public int filterCount() {
    return subscriptions.stream().mapToInt(List::size).sum();
  }
}
