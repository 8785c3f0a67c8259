package dev.graspsync.sync.engine;

import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sync.plan.LivePacking;
import java.util.List;

/**
 * What a REQ looked like when it was sent, so that a capacity refusal tells what the relay's
 * limit is: it refused with {@code openBefore} subscriptions already open, or {@code filters}
 * filters, or {@code bytes} bytes. Read when the REQ is sent, not when the CLOSED arrives:
 * by then other subscriptions may have ended, and a burst of refusals would each lower the
 * limit again.
 */
record RequestShape(int openBefore, int filters, int bytes) {
  static RequestShape of(int openBefore, List<Filter> filters) {
    return new RequestShape(openBefore, filters.size(), LivePacking.encodedSize(filters));
  }
}
