package dev.graspsync.sync.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Cuts the ids a reconciliation found missing into {@code REQ {"ids": [...]}} filters the relay
 * takes (pure): at most its {@code max_limit} ids less one (a relay returning exactly {@code
 * max_limit} looks cut short and would be paged again), at most our page size, and within its
 * {@code max_message_length}.
 */
public final class IdRequests {
  /** Bytes one id adds to a REQ: 64 hex digits, quotes and a comma. */
  static final int BYTES_PER_ID = 67;
  /** The rest of a REQ: {@code ["REQ","<id>",{"ids":[...],"limit":N}]}. */
  static final int REQUEST_OVERHEAD = 96;

  private IdRequests() {}

  /** How many ids one REQ carries. */
  public static int idsPerRequest(int pageLimit, OptionalInt maxLimit, OptionalInt maxMessageLength) {
    int ids = pageLimit;
    if (maxLimit.isPresent() && maxLimit.getAsInt() > 0) {
      ids = Math.min(ids, maxLimit.getAsInt());
    }
    ids = Math.max(1, ids - 1);
    if (maxMessageLength.isPresent() && maxMessageLength.getAsInt() > 0) {
      ids = Math.min(ids, Math.max(1, (maxMessageLength.getAsInt() - REQUEST_OVERHEAD) / BYTES_PER_ID));
    }
    return ids;
  }

  /** {@code ids} in order, cut into runs of at most {@code perRequest}. */
  public static List<List<String>> chunks(List<String> ids, int perRequest) {
    if (perRequest < 1) {
      throw new IllegalArgumentException("perRequest must be at least 1");
    }
    List<List<String>> out = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += perRequest) {
      out.add(List.copyOf(ids.subList(from, Math.min(ids.size(), from + perRequest))));
    }
    return out;
  }
}
