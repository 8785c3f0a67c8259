package dev.graspsync.sync.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Keeps a relay's subscription count bounded. Each batch adds its own small filters; over
 * time a relay collects many half-empty ones. When adding a batch would pass the limit (the
 * lower of {@code consolidation-threshold} and the relay's NIP-11 {@code max_subscriptions}),
 * the confirmed items are re-subscribed in the fewest filters ({@link #plan}), with {@code
 * since} = now − the catch-up overlap so that history is not fetched again, once the
 * relay's pending batches have finished (their items then count as confirmed).
 *
 * <p>One subscription carries one filter, so subscriptions and filters are counted alike.
 */
public final class Consolidation {
  private Consolidation() {}

  /** What to do before subscribing a new batch. */
  public enum Decision {
    /** Within the limit, or consolidating would not reduce the count: subscribe as is. */
    PROCEED,
    /** Over the limit with batches still pending: hold the new batch until they finish. */
    WAIT_FOR_PENDING,
    /** Over the limit, nothing pending: close everything, subscribe {@link #plan}, then add. */
    CONSOLIDATE_FIRST
  }

  /** Whether {@code current + adding} subscriptions would pass the limit. */
  public static boolean needed(
      int currentSubscriptions, int newSubscriptions, int threshold, OptionalInt relayMaxSubscriptions) {
    return currentSubscriptions + newSubscriptions > limit(threshold, relayMaxSubscriptions);
  }

  /**
   * @param current open subscriptions on the relay
   * @param adding subscriptions the new batch needs
   * @param pendingBatches batches sent and not yet completed or failed
   * @param consolidatedCount {@link FilterPlan#count} of the confirmed items
   */
  public static Decision decide(
      int current,
      int adding,
      int pendingBatches,
      int consolidatedCount,
      int threshold,
      OptionalInt relayMaxSubscriptions) {
    if (!needed(current, adding, threshold, relayMaxSubscriptions)) {
      return Decision.PROCEED;
    }
    if (pendingBatches > 0) {
      return Decision.WAIT_FOR_PENDING;
    }
    // Past the limit even when consolidated (a relay serving very many repositories): merging
    // again and again would only churn subscriptions. Go ahead; a relay that refuses the
    // extra subscription CLOSEs it, and that batch fails and is counted.
    return consolidatedCount < current ? Decision.CONSOLIDATE_FIRST : Decision.PROCEED;
  }

  /** The fewest filters covering {@code confirmed}, each with {@code since = now − overlap}. */
  public static List<LabelledFilter> plan(ItemSet confirmed, int chunkSize, Instant now, Duration overlap) {
    long since = Math.max(0, now.minus(overlap).getEpochSecond());
    return FilterPlan.forItems(confirmed, chunkSize, OptionalLong.of(since));
  }

  private static int limit(int threshold, OptionalInt relayMax) {
    return relayMax.isPresent() && relayMax.getAsInt() > 0 ? Math.min(threshold, relayMax.getAsInt()) : threshold;
  }
}
