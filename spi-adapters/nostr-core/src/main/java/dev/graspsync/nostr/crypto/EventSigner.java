package dev.graspsync.nostr.crypto;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.EventTemplate;

/** Signs event templates with BIP-340 through libsecp256k1. */
public final class EventSigner {
  private EventSigner() {}

  public static Event sign(EventTemplate template, Keys keys) {
    throw new UnsupportedOperationException("TODO");
  }
}
