package dev.graspsync.sync.batch;

/** Where a batch is in its life. */
public enum BatchState {
  /** Created or re-issued, not sent (relay not connected yet, reconnect, restart). */
  QUEUED,
  /** Subscriptions sent; waiting for every filter's EOSE (and its pages). */
  OPEN,
  /** Waiting for a cooldown or a backoff to end before re-sending the filters not done. */
  WAITING_RETRY,
  /** Every filter reached EOSE with nothing older left: items confirmed. */
  COMPLETED,
  /** Given up; items parked until the next daily resync. */
  FAILED;

  /** Counts as pending work: neither completed nor failed. */
  public boolean pending() {
    return this != COMPLETED && this != FAILED;
  }
}
