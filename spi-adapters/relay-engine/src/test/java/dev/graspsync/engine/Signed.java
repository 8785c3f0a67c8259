package dev.graspsync.engine;

import dev.graspsync.nostr.crypto.EventSigner;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.EventTemplate;
import java.util.ArrayList;
import java.util.List;

/** Builds really signed events for tests. */
public final class Signed {
  private final Keys keys;
  private long createdAt = 1_700_000_000L;
  private int kind = 1;
  private final List<List<String>> tags = new ArrayList<>();
  private String content = "";

  private Signed(Keys keys) {
    this.keys = keys;
  }

  public static Signed by(Keys keys) {
    return new Signed(keys);
  }

  public Signed at(long value) {
    createdAt = value;
    return this;
  }

  public Signed kind(int value) {
    kind = value;
    return this;
  }

  public Signed tag(String... tag) {
    tags.add(List.of(tag));
    return this;
  }

  public Signed content(String value) {
    content = value;
    return this;
  }

  public Event sign() {
    return EventSigner.sign(new EventTemplate(createdAt, kind, tags, content), keys);
  }
}
