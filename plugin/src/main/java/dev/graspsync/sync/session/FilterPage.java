package dev.graspsync.sync.session;

import dev.graspsync.sync.session.NewestEvents.Stamp;
import java.util.List;
import java.util.OptionalLong;

/**
 * What one filter of a history page brought by its EOSE.
 *
 * @param sent the filter as sent (its limit is the page size asked for)
 * @param matched events received that match it, whichever filter the relay sent them for
 * @param newest the newest of them, newest first, at most the page size
 * @param oldestOwn the oldest second of an event matching this filter and no other of the REQ:
 *     the relay can only have sent it for this filter, so it sent every newer one too
 */
record FilterPage(PagedFilter sent, long matched, List<Stamp> newest, OptionalLong oldestOwn) {
  FilterPage {
    newest = List.copyOf(newest);
  }
}
