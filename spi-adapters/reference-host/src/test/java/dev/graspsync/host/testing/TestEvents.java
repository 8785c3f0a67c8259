package dev.graspsync.host.testing;

import dev.graspsync.nostr.crypto.EventSigner;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.EventTemplate;
import java.util.List;

/** Signed events for tests. */
public final class TestEvents {
  private TestEvents() {}

  public static final Keys ALICE = Keys.generate();

  public static Event note(String content) {
    return note(ALICE, content, System.currentTimeMillis() / 1000);
  }

  public static Event note(Keys keys, String content, long createdAt) {
    return EventSigner.sign(new EventTemplate(createdAt, 1, List.of(), content), keys);
  }

  public static Event signed(int kind, List<List<String>> tags, String content, long createdAt) {
    return EventSigner.sign(new EventTemplate(createdAt, kind, tags, content), ALICE);
  }

  /** {@code ["EVENT", event]} with the event's own JSON. */
  public static String publish(Event event) {
    return "[\"EVENT\"," + event.json() + "]";
  }
}
