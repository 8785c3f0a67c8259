package dev.graspsync.sync.session;

import java.util.List;

/**
 * One history page at its EOSE.
 *
 * @param received every event the relay sent for the REQ, matching or not, repeats included
 * @param filters per filter of the REQ, in order
 */
record PageResult(long received, List<FilterPage> filters) {
  PageResult {
    filters = List.copyOf(filters);
  }
}
