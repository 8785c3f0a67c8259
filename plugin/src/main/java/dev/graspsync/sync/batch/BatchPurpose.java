package dev.graspsync.sync.batch;

/** Why a batch exists, which decides what completing it means. */
public enum BatchPurpose {
  /** New work from the planner (also everything again after a full sync): completing it moves its items from pending to confirmed. */
  INITIAL,
  /**
   * Re-subscription of confirmed items with {@code since}: catch-up after a quick reconnect or
   * a restart, and consolidation. Its items are already confirmed; completing it changes
   * nothing but the relay's state.
   */
  CATCH_UP
}
