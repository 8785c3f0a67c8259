package dev.graspsync.nostr.crypto;

import dev.graspsync.nostr.event.CanonicalJson;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.EventTemplate;
import dev.graspsync.nostr.event.Hex;

/** Signs event templates with BIP-340 through libsecp256k1. Thread-safe. */
public final class EventSigner {
  private EventSigner() {}

  /**
   * The signed event: pubkey from {@code keys}, id from the canonical serialisation, a fresh
   * signature, and {@code json} the compact NIP-01 serialisation of the result.
   *
   * @throws IllegalArgumentException when the kind is outside 0..65535 or created_at negative
   */
  public static Event sign(EventTemplate template, Keys keys) {
    if (template.kind() < 0 || template.kind() > 65535) {
      throw new IllegalArgumentException("kind must be between 0 and 65535, got " + template.kind());
    }
    if (template.createdAt() < 0) {
      throw new IllegalArgumentException("created_at must not be negative, got " + template.createdAt());
    }
    String pubkey = keys.publicKeyHex();
    byte[] id = CanonicalJson.hash(pubkey, template.createdAt(), template.kind(), template.tags(), template.content());
    String idHex = Hex.encode(id);
    String sig = Hex.encode(Bip340.sign(id, keys));
    String json = CanonicalJson.writeEvent(idHex, pubkey, template.createdAt(), template.kind(), template.tags(), template.content(), sig);
    return new Event(idHex, pubkey, template.createdAt(), template.kind(), template.tags(), template.content(), sig, json);
  }
}
