package dev.graspsync.nostr.event;

/** Strict streaming reader of one event object (Jackson core). TODO(core helper). */
final class EventJsonReader {
  private EventJsonReader() {}

  static Event read(String json) {
    throw new UnsupportedOperationException("TODO");
  }
}
