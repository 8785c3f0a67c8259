package dev.graspsync.nostr.message;

/**
 * NIP-01 / NIP-77 wire codec, both directions. Decoders are strict about arity and types
 * (extra or missing elements, wrong types, non-hex ids, out-of-range numbers are {@link
 * Decoded.Malformed}), never throw, and keep each event's original JSON text. Encoders write
 * compact JSON and embed events by their original text.
 */
public final class MessageCodec {
  private MessageCodec() {}

  /** A frame sent by a client, as a relay reads it. */
  public static Decoded<ClientMessage> decodeClient(String text) {
    throw new UnsupportedOperationException("TODO");
  }

  /** A frame sent by a relay, as a client reads it. */
  public static Decoded<RelayMessage> decodeRelay(String text) {
    throw new UnsupportedOperationException("TODO");
  }

  public static String encode(ClientMessage message) {
    throw new UnsupportedOperationException("TODO");
  }

  public static String encode(RelayMessage message) {
    throw new UnsupportedOperationException("TODO");
  }
}
