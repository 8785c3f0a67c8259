package dev.graspsync.nostr.negentropy;

/** What a range of a message carries: nothing, a fingerprint, or the ids themselves. */
enum Mode {
  SKIP,
  FINGERPRINT,
  ID_LIST;

  /** Wire value: the ordinal, as the protocol numbers them 0, 1, 2. */
  int wire() {
    return ordinal();
  }

  static Mode fromWire(long value) {
    if (value < 0 || value > 2) {
      throw NegentropyException.malformed("unknown range mode " + Long.toUnsignedString(value));
    }
    return values()[(int) value];
  }
}
