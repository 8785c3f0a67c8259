package dev.graspsync.sync.session;

import dev.graspsync.sync.session.NewestEvents.Stamp;
import java.util.List;

/**
 * What one filter of a history page brought by its EOSE.
 *
 * @param sent the filter as sent (its limit is the page size asked for)
 * @param matched events received that match it, whichever filter the relay sent them for
 * @param newest the newest of them, newest first, at most the page size
 */
record FilterPage(PagedFilter sent, long matched, List<Stamp> newest) {
  FilterPage {
    newest = List.copyOf(newest);
  }
}
