package dev.graspsync.nostr.crypto;

import dev.graspsync.nostr.event.CanonicalJson;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Hex;

/** Checks an event's id (canonical hash) and BIP-340 signature. Thread-safe, CPU-bound. */
public final class EventVerifier {
  private EventVerifier() {}

  /** The id alone: cheap, no signature check. */
  public static boolean hasValidId(Event event) {
    return CanonicalJson.idMatches(event.id(), event.pubkey(), event.createdAt(), event.kind(), event.tags(), event.content());
  }

  /** Id first, then signature; the first failure wins. */
  public static Verification verify(Event event) {
    if (!hasValidId(event)) {
      return Verification.BAD_ID;
    }
    return hasValidSignature(event) ? Verification.VALID : Verification.BAD_SIGNATURE;
  }

  /** The signature alone, over the id as written (use {@link #verify} unless the id is known good). */
  public static boolean hasValidSignature(Event event) {
    if (!Hex.isLowerHex(event.sig(), 128) || !Hex.isLowerHex(event.id(), 64) || !Hex.isLowerHex(event.pubkey(), 64)) {
      return false;
    }
    return Bip340.verify(Hex.decode(event.sig()), Hex.decode(event.id()), Hex.decode(event.pubkey()));
  }
}
