package dev.graspsync.nostr.message;

import java.util.Optional;

/** Machine-readable prefixes of OK and CLOSED messages (NIP-01, NIP-42). */
public enum MachinePrefix {
  DUPLICATE("duplicate"),
  POW("pow"),
  BLOCKED("blocked"),
  RATE_LIMITED("rate-limited"),
  INVALID("invalid"),
  RESTRICTED("restricted"),
  MUTE("mute"),
  ERROR("error"),
  AUTH_REQUIRED("auth-required");

  private final String word;

  MachinePrefix(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  /** {@code "word: reason"}. */
  public String with(String reason) {
    return word + ": " + reason;
  }

  /** The prefix a message starts with, if any ({@code "rate-limited: slow down"} gives RATE_LIMITED). */
  public static Optional<MachinePrefix> of(String message) {
    int colon = message.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String head = message.substring(0, colon).trim();
    for (MachinePrefix p : values()) {
      if (p.word.equals(head)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
