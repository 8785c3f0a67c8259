package dev.graspsync.sync.plan;

/**
 * Keeps a relay's live subscriptions within its budget ({@link LiveBudget#liveSubscriptions}).
 * New live coverage opens new subscriptions while they fit; when they would not, every live
 * subscription is closed and the covered items are laid out again in the fewest ({@link
 * LiveLayout}), with {@code since} = now − the catch-up overlap. Subscriptions are never opened
 * past the budget: what cannot fit even after merging is overflow, polled instead.
 *
 * <p>Live coverage is independent of history batches, so consolidation never waits for pending
 * batches and never fetches history again: merging only restarts live subscriptions.
 */
public final class Consolidation {
  private Consolidation() {}

  /** What to do before opening new live subscriptions. */
  public enum Step {
    /** They fit: open them beside the others. */
    OPEN,
    /** They would pass the budget: close everything and lay the covered items out again. */
    CONSOLIDATE
  }

  /**
   * @param open live subscriptions open now
   * @param adding live subscriptions the new coverage needs
   * @param budget live subscriptions allowed
   */
  public static Step onAdding(int open, int adding, int budget) {
    return open + adding <= budget ? Step.OPEN : Step.CONSOLIDATE;
  }

  /** After a refusal showed a lower limit: whether what is open already passes it. */
  public static boolean overBudget(int open, int budget) {
    return open > budget;
  }
}
