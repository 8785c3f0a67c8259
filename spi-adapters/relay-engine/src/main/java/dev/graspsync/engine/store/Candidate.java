package dev.graspsync.engine.store;

import dev.graspsync.nostr.event.Event;

/** A stored event found by an index walk; its json is parsed only when something needs it. */
public final class Candidate {
  private final byte[] id;
  private final byte[] value;
  private String idHex;
  private Event event;

  Candidate(byte[] id, byte[] value) {
    this.id = id;
    this.value = value;
  }

  byte[] id() {
    return id;
  }

  public String idHex() {
    if (idHex == null) {
      idHex = IndexKeys.bytesToHex(id);
    }
    return idHex;
  }

  public long createdAt() {
    return StoredValue.createdAt(value);
  }

  public int kind() {
    return StoredValue.kind(value);
  }

  public String pubkeyHex() {
    return StoredValue.pubkeyHex(value);
  }

  public Event event() {
    if (event == null) {
      event = StoredValue.event(value);
    }
    return event;
  }
}
