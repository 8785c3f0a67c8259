package dev.graspsync.nostr.message;

/**
 * NIP-01 / NIP-77 wire codec, both directions. Decoders are strict about arity and types
 * (extra or missing elements, wrong types, non-hex ids, out-of-range numbers are {@link
 * Decoded.Malformed}), never throw, and keep each event's original JSON text. Encoders write
 * compact JSON and embed events by their original text.
 *
 * <p>Subscription ids are non-empty strings of at most 64 characters. NIP-77 message hex is
 * accepted in either case and handed on lower-case.
 */
public final class MessageCodec {
  private MessageCodec() {}

  /** A frame sent by a client, as a relay reads it. Never throws. */
  public static Decoded<ClientMessage> decodeClient(String text) {
    return ClientMessageDecoder.decode(text);
  }

  /** A frame sent by a relay, as a client reads it. Never throws. */
  public static Decoded<RelayMessage> decodeRelay(String text) {
    return RelayMessageDecoder.decode(text);
  }

  /** Compact JSON of a client message; an event goes out as its original text. */
  public static String encode(ClientMessage message) {
    return MessageEncoder.encode(message);
  }

  /** Compact JSON of a relay message; an event goes out as its original text. */
  public static String encode(RelayMessage message) {
    return MessageEncoder.encode(message);
  }
}
