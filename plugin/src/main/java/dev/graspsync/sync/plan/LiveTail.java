package dev.graspsync.sync.plan;

import java.time.Duration;

/**
 * When items whose history was just requested get their live subscription. They wait in a
 * tail so that several batches share one subscription instead of one each; the live
 * subscription's {@code since} reaches back to the first of them being sent, so waiting loses
 * nothing, it only delays. The tail is opened once it fills a subscription, once no history is
 * pending (the relay is caught up), or once it has waited {@code maxAge}.
 *
 * @param maxAge the longest an item waits for live coverage while history is still running
 */
public record LiveTail(Duration maxAge) {
  public static final LiveTail DEFAULT = new LiveTail(Duration.ofSeconds(30));

  /**
   * @param packs subscriptions the tail needs ({@link LivePacking#pack})
   * @param lastPackFilters filters in the last of them
   * @param filtersPerRequest what one subscription may carry
   * @param historyPending whether history batches are still queued or open
   * @param age how long the oldest item has waited
   */
  public boolean open(int packs, int lastPackFilters, int filtersPerRequest, boolean historyPending, Duration age) {
    if (packs == 0) {
      return false;
    }
    return packs > 1 || lastPackFilters >= filtersPerRequest || !historyPending || age.compareTo(maxAge) >= 0;
  }

  /**
   * How many of the tail's subscriptions open now ({@link #open} decides whether any): all of
   * them once no history is pending or the tail has waited {@code maxAge}; while history runs,
   * only the full ones. A partly filled last one keeps waiting for the next batches: opened, it
   * would be a small REQ left behind every full one, filling the budget and forcing
   * consolidations early.
   */
  public int packsToOpen(int packs, int lastPackFilters, int filtersPerRequest, boolean historyPending, Duration age) {
    if (!open(packs, lastPackFilters, filtersPerRequest, historyPending, age)) {
      return 0;
    }
    boolean all = !historyPending || age.compareTo(maxAge) >= 0 || lastPackFilters >= filtersPerRequest;
    return all ? packs : packs - 1;
  }
}
