package dev.graspsync.sync.session;

import dev.graspsync.nostr.message.MachinePrefix;
import java.util.Optional;

/**
 * What a relay's CLOSED message means (pure). The reference only logged CLOSED, leaving its
 * batch pending forever; here every CLOSED ends its subscription with a typed outcome:
 *
 * <ul>
 *   <li>{@code rate-limited:} → {@link SubscriptionOutcome.RateLimited}: the caller cools down
 *       and retries;
 *   <li>{@code auth-required:} → the session authenticates (NIP-42, when it has keys) and sends
 *       the same page again, once; if that cannot happen or does not help, {@link
 *       SubscriptionOutcome.AuthRequired};
 *   <li>anything else ({@code restricted:}, {@code blocked:}, {@code invalid:}, {@code error:},
 *       other prefixes, none) → {@link SubscriptionOutcome.Refused}: the caller fails the batch
 *       until the next full resync, never a tight retry loop; unless its words name the relay's
 *       capacity ({@link dev.graspsync.sync.batch.CapacityRefusal}), which is overload: backed
 *       off and retried.
 * </ul>
 */
enum ClosedReason {
  RATE_LIMITED,
  AUTH_REQUIRED,
  REFUSED;

  static ClosedReason of(String message) {
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
