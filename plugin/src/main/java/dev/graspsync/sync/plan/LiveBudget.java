package dev.graspsync.sync.plan;

import java.util.OptionalInt;

/**
 * What one relay lets us hold open: subscriptions in all, of which {@code historySlots} serve
 * history batches and the rest carry live filters; and how big one REQ may be.
 *
 * <p>The subscription limit is the lowest of {@code consolidation-threshold}, the relay's
 * NIP-11 {@code max_subscriptions} and what the relay showed by refusing a subscription. A REQ
 * holds at most the relay's {@code max_filters} (else {@code max-filters-per-subscription})
 * and fits its {@code max_message_length} (else {@link #DEFAULT_REQUEST_BYTES}).
 *
 * @param subscriptions open subscriptions at most, history and live together
 * @param historySlots history subscriptions open at once at most
 * @param filtersPerRequest filters in one REQ at most
 * @param bytesPerRequest encoded filters of one REQ at most (the envelope has its own margin)
 */
public record LiveBudget(int subscriptions, int historySlots, int filtersPerRequest, int bytesPerRequest) {
  /** Many relays take WebSocket messages of 128 KiB; unadvertised limits are assumed that low. */
  public static final int DEFAULT_REQUEST_BYTES = 128 * 1024;
  /**
   * Room for {@code ["REQ","<id>",} and the brackets around the filters, with a margin: a REQ
   * over a relay's {@code max_message_length} is often dropped with a NOTICE only, which
   * cannot be told apart from silence.
   */
  static final int ENVELOPE_BYTES = 1024;

  public LiveBudget {
    if (subscriptions < 2 || historySlots < 1 || historySlots >= subscriptions) {
      throw new IllegalArgumentException("need at least one history and one live subscription, got "
          + historySlots + " of " + subscriptions);
    }
    if (filtersPerRequest < 1 || bytesPerRequest < 1) {
      throw new IllegalArgumentException("a REQ must hold at least one filter");
    }
  }

  /**
   * @param threshold {@code consolidation-threshold}
   * @param relayMaxSubscriptions NIP-11 {@code max_subscriptions}, or what a refusal showed
   * @param relayMaxFilters NIP-11 {@code max_filters}, or what a refusal showed
   * @param defaultFilters {@code max-filters-per-subscription}, for relays that do not say
   * @param relayMaxMessageLength NIP-11 {@code max_message_length}, or what a refusal showed
   * @param historyWanted history batches we would like open at once
   */
  public static LiveBudget of(
      int threshold,
      OptionalInt relayMaxSubscriptions,
      OptionalInt relayMaxFilters,
      int defaultFilters,
      OptionalInt relayMaxMessageLength,
      int historyWanted) {
    int limit = Math.max(2, lowest(threshold, relayMaxSubscriptions));
    // a quarter for history: live coverage is what must never be cut short
    int history = Math.max(1, Math.min(historyWanted, limit / 4));
    int filters = relayMaxFilters.isPresent() && relayMaxFilters.getAsInt() > 0
        ? relayMaxFilters.getAsInt() : defaultFilters;
    int bytes = relayMaxMessageLength.isPresent() && relayMaxMessageLength.getAsInt() > 0
        ? relayMaxMessageLength.getAsInt() : DEFAULT_REQUEST_BYTES;
    return new LiveBudget(limit, history, Math.max(1, filters), Math.max(1, bytes - ENVELOPE_BYTES));
  }

  /** Live subscriptions at most. */
  public int liveSubscriptions() {
    return subscriptions - historySlots;
  }

  private static int lowest(int threshold, OptionalInt relayMax) {
    return relayMax.isPresent() && relayMax.getAsInt() > 0 ? Math.min(threshold, relayMax.getAsInt()) : threshold;
  }
}
