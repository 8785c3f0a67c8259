package dev.graspsync.sync.batch;

import dev.graspsync.nostr.message.MachinePrefix;
import java.util.Optional;

/** What a CLOSED message's machine-readable prefix means for the batch. */
public enum ClosedReason {
  /** {@code rate-limited:}: cool down, then retry. */
  RATE_LIMITED,
  /** {@code auth-required:}: authenticate, then retry once. */
  AUTH_REQUIRED,
  /** Anything else ({@code restricted:}, {@code blocked:}, {@code invalid:}, {@code error:}, no prefix): the relay will not serve this. */
  REFUSED;

  public static ClosedReason of(String message) {
    Optional<MachinePrefix> prefix = MachinePrefix.of(message);
    if (prefix.isEmpty()) {
      return REFUSED;
    }
    return switch (prefix.get()) {
      case RATE_LIMITED -> RATE_LIMITED;
      case AUTH_REQUIRED -> AUTH_REQUIRED;
      default -> REFUSED;
    };
  }
}
