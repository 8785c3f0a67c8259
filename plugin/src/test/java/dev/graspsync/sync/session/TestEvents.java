package dev.graspsync.sync.session;

import dev.graspsync.nostr.event.Event;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Well-formed events with made-up ids and signatures. The session never checks signatures
 * (the host does), so most tests skip the cost of signing thousands of events.
 */
final class TestEvents {
  private static final AtomicLong NEXT = new AtomicLong(1);
  private static final String PUBKEY = "a".repeat(64);
  private static final String SIG = "b".repeat(128);

  private TestEvents() {}

  static Event event(int kind, long createdAt, List<List<String>> tags) {
    String id = String.format("%064x", NEXT.getAndIncrement());
    StringBuilder json = new StringBuilder();
    json.append("{\"id\":\"").append(id).append("\",\"pubkey\":\"").append(PUBKEY)
        .append("\",\"created_at\":").append(createdAt).append(",\"kind\":").append(kind)
        .append(",\"tags\":[");
    for (int i = 0; i < tags.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append('[');
      List<String> tag = tags.get(i);
      for (int j = 0; j < tag.size(); j++) {
        if (j > 0) {
          json.append(',');
        }
        json.append('"').append(tag.get(j)).append('"');
      }
      json.append(']');
    }
    json.append("],\"content\":\"\",\"sig\":\"").append(SIG).append("\"}");
    return Event.fromJson(json.toString());
  }

  static Event event(int kind, long createdAt) {
    return event(kind, createdAt, List.of());
  }
}
