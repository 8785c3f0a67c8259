package dev.graspsync.sync.reconcile;

import java.util.OptionalInt;

/**
 * The negentropy frame size limit for a relay (pure): our messages, hex-encoded inside a
 * NEG-MSG, must fit its {@code max_message_length}. Negentropy's limit counts binary bytes, hex
 * doubles them, and the envelope takes a little; the protocol allows no limit below 4,096.
 */
public final class FrameLimit {
  /** The protocol's smallest frame limit. */
  public static final int MIN = 4096;
  /** When the relay does not say: 120,000 hex characters, under the 128 KiB many relays take by default. */
  public static final int DEFAULT = 60_000;
  static final int ENVELOPE = 128;

  private FrameLimit() {}

  public static int forRelay(OptionalInt maxMessageLength) {
    if (maxMessageLength.isEmpty() || maxMessageLength.getAsInt() <= 0) {
      return DEFAULT;
    }
    return Math.max(MIN, Math.min(DEFAULT * 16, (maxMessageLength.getAsInt() - ENVELOPE) / 2));
  }
}
