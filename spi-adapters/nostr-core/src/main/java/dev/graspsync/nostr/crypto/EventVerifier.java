package dev.graspsync.nostr.crypto;

import dev.graspsync.nostr.event.Event;

/** Checks an event's id (canonical hash) and BIP-340 signature. Thread-safe, CPU-bound. */
public final class EventVerifier {
  private EventVerifier() {}

  /** The id alone: cheap, no signature check. */
  public static boolean hasValidId(Event event) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Id first, then signature; the first failure wins. */
  public static Verification verify(Event event) {
    throw new UnsupportedOperationException("TODO");
  }
}
