package dev.graspsync.sync.health;

/** A relay connection's state, exported as its metric value 0..5. */
public enum ConnectionState {
  DISCONNECTED(0),
  CONNECTING(1),
  /** Connected, some batch still fetching history. */
  SYNCING(2),
  /** Connected, every batch completed: live. */
  CONNECTED(3),
  /** Connected, nothing pending, but some batch failed (retried at the next daily resync). */
  CONNECTED_WITH_FAILURES(4),
  /** Closing on purpose (relay no longer needed, shutdown). */
  DISCONNECTING(5);

  private final int metricValue;

  ConnectionState(int metricValue) {
    this.metricValue = metricValue;
  }

  public int metricValue() {
    return metricValue;
  }

  /**
   * The state of a connected relay given its batches: Syncing while any is pending, then
   * Connected, or ConnectedWithFailures when some batch since the last full sync failed.
   */
  public static ConnectionState whenConnected(int pendingBatches, boolean anyBatchFailed) {
    if (pendingBatches > 0) {
      return SYNCING;
    }
    return anyBatchFailed ? CONNECTED_WITH_FAILURES : CONNECTED;
  }
}
