package dev.graspsync.nostr.filter;

final class FilterJson {
  private FilterJson() {}

  static Filter read(String json) {
    throw new UnsupportedOperationException("TODO");
  }

  static String write(Filter filter) {
    throw new UnsupportedOperationException("TODO");
  }
}
