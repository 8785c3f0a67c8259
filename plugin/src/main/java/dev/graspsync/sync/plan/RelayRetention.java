package dev.graspsync.sync.plan;

/**
 * Whether a relay connection is still wanted. The reference dropped a relay as soon as no
 * repository referenced it in its confirmed state, so a new relay whose first batch had not
 * confirmed within two seconds was dropped from every index; here pending work keeps it.
 */
public final class RelayRetention {
  private RelayRetention() {}

  /**
   * @param bootstrap configured bootstrap relays are always kept
   * @param hasTargets some repository still lists the relay
   * @param pendingBatches batches not yet completed or failed on it
   */
  public static boolean keep(boolean bootstrap, boolean hasTargets, int pendingBatches) {
    return bootstrap || hasTargets || pendingBatches > 0;
  }
}
