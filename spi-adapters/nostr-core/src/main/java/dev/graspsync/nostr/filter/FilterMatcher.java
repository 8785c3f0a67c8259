package dev.graspsync.nostr.filter;

import dev.graspsync.nostr.event.Event;

final class FilterMatcher {
  private FilterMatcher() {}

  static boolean matches(Filter filter, Event event) {
    throw new UnsupportedOperationException("TODO");
  }
}
