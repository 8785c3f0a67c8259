package dev.graspsync.host.server;

import dev.graspsync.nostr.message.MachinePrefix;
import java.util.Optional;

/**
 * Pure checks of a REQ or COUNT against the connection's limits. Each answers the CLOSED
 * reason when the request must be refused.
 */
public final class RequestChecks {
  private RequestChecks() {}

  public static Optional<String> subscriptionId(String id, ServerLimits limits) {
    if (id.isEmpty() || id.length() > limits.maxSubscriptionIdLength()) {
      return Optional.of(MachinePrefix.INVALID.with(
          "subscription ids are 1 to " + limits.maxSubscriptionIdLength() + " characters"));
    }
    return Optional.empty();
  }

  public static Optional<String> filterCount(int filters, ServerLimits limits) {
    if (filters > limits.maxFilters()) {
      return Optional.of(MachinePrefix.BLOCKED.with(
          "at most " + limits.maxFilters() + " filters per request, got " + filters));
    }
    return Optional.empty();
  }

  /** {@code open} counts this connection's subscriptions; replacing one of them is always fine. */
  public static Optional<String> subscriptionCount(int open, boolean replacing, ServerLimits limits) {
    if (!replacing && open >= limits.maxSubscriptions()) {
      return Optional.of(MachinePrefix.BLOCKED.with("at most " + limits.maxSubscriptions()
          + " open subscriptions per connection; CLOSE one first"));
    }
    return Optional.empty();
  }

  /** Checks in the order a client would fix them: id, filters, then capacity. */
  public static Optional<String> req(String id, int filters, int open, boolean replacing, ServerLimits limits) {
    return subscriptionId(id, limits)
        .or(() -> filterCount(filters, limits))
        .or(() -> subscriptionCount(open, replacing, limits));
  }

  /** UTF-8 length of a string without allocating its bytes. */
  public static long utf8Length(String s) {
    long bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
