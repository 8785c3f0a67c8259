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
    List<List<Filter>> out = new ArrayList<>();
    List<Filter> current = new ArrayList<>();
    long bytes = 0;
    for (Filter f : filters) {
      int size = encodedSize(f);
      if (!current.isEmpty() && (current.size() >= maxFilters || bytes + size > maxBytes)) {
        out.add(List.copyOf(current));
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(f);
      bytes += size;
    }
    if (!current.isEmpty()) {
      out.add(List.copyOf(current));
    }
    return out;
  }

  /** The filter's JSON and the comma before it. */
  static int encodedSize(Filter f) {
    return f.toJson().length() + 1;
  }
}
