package dev.graspsync.sync.plan;

import dev.graspsync.nostr.filter.Filter;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs filters into as few REQs as the relay allows: in order, each REQ taking filters while
 * it stays within {@code filters-per-request} and {@code bytes-per-request}. Several filters
 * in one REQ are OR-ed by the relay, so one subscription can carry many batches' worth.
 */
public final class LivePacking {
  private LivePacking() {}

  /**
   * A filter bigger than the byte budget on its own still gets its own REQ: splitting values
   * is {@code filter-chunk-size}'s job, and a relay that refuses it says so.
   */
  public static List<List<Filter>> pack(List<Filter> filters, int maxFilters, int maxBytes) {
    return packIndexes(filters, maxFilters, maxBytes).stream()
        .map(group -> group.stream().map(filters::get).toList()).toList();
  }

  /** {@link #pack}, as positions in {@code filters}: a batch tracks its filters by position. */
  public static List<List<Integer>> packIndexes(List<Filter> filters, int maxFilters, int maxBytes) {
    List<List<Integer>> out = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    long bytes = 0;
    for (int i = 0; i < filters.size(); i++) {
      int size = encodedSize(filters.get(i));
      if (!current.isEmpty() && (current.size() >= maxFilters || bytes + size > maxBytes)) {
        out.add(List.copyOf(current));
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(i);
      bytes += size;
    }
    if (!current.isEmpty()) {
      out.add(List.copyOf(current));
    }
    return out;
  }

  /** The filter's JSON and the comma before it. */
  public static int encodedSize(Filter f) {
    return f.jsonLength() + 1;
  }

  public static int encodedSize(List<Filter> filters) {
    int sum = 0;
    for (Filter f : filters) {
      sum += encodedSize(f);
    }
    return sum;
  }
}
