package dev.graspsync.sync.engine;

import dev.graspsync.sync.batch.CapacityRefusal;
import dev.graspsync.sync.config.SyncConfig;
import dev.graspsync.sync.nip11.RelayLimitation;
import dev.graspsync.sync.plan.LiveBudget;
import java.util.OptionalInt;

/**
 * What one connection to a relay may hold: the relay's NIP-11 limits, lowered by what its
 * capacity refusals showed. Each learned bound only goes down, and a burst of refusals of
 * the same shape lowers it once; a new connection starts again from NIP-11.
 */
final class RelayLimits {
  private final SyncConfig config;
  private final int historyWanted;
  private RelayLimitation advertised = RelayLimitation.NONE;
  private OptionalInt subscriptions = OptionalInt.empty();
  private OptionalInt filters = OptionalInt.empty();
  private OptionalInt bytes = OptionalInt.empty();

  RelayLimits(SyncConfig config, int historyWanted) {
    this.config = config;
    this.historyWanted = historyWanted;
  }

  void reset(RelayLimitation nip11) {
    advertised = nip11;
    subscriptions = OptionalInt.empty();
    filters = OptionalInt.empty();
    bytes = OptionalInt.empty();
  }

  RelayLimitation advertised() {
    return advertised;
  }

  LiveBudget budget() {
    return LiveBudget.of(config.consolidationThreshold(), lowest(advertised.maxSubscriptions(), subscriptions),
        lowest(advertised.maxFilters(), filters), config.maxFiltersPerSubscription(),
        lowest(advertised.maxMessageLength(), bytes), historyWanted);
  }

  /**
   * A REQ of {@code shape} was refused for capacity: the relay's limit is at most the
   * subscriptions open when it was sent, or about half its filters or bytes.
   */
  void refused(CapacityRefusal kind, RequestShape shape) {
    switch (kind) {
      case TOO_MANY_SUBSCRIPTIONS -> subscriptions = lower(subscriptions, Math.max(2, shape.openBefore()));
      case TOO_MANY_FILTERS -> filters = lower(filters, Math.max(1, shape.filters() / 2));
      case TOO_LARGE -> bytes = lower(bytes, Math.max(1024, shape.bytes() / 2));
    }
  }

  /** A NOTICE said a message was too large: below the largest REQ sent, whichever it was. */
  void tooLarge(int largestRequestBytes) {
    bytes = lower(bytes, Math.max(1024, largestRequestBytes * 3 / 4));
  }

  private static OptionalInt lower(OptionalInt current, int value) {
    return OptionalInt.of(current.isPresent() ? Math.min(current.getAsInt(), value) : value);
  }

  private static OptionalInt lowest(OptionalInt nip11, OptionalInt learned) {
    if (learned.isEmpty()) {
      return nip11;
    }
    return nip11.isPresent() && nip11.getAsInt() > 0
        ? OptionalInt.of(Math.min(nip11.getAsInt(), learned.getAsInt())) : learned;
  }
}
