package dev.graspsync.sync.batch;

/** One filter (one subscription) of a batch. */
public enum FilterProgress {
  /** REQ sent, EOSE not seen. */
  OPEN,
  /** History complete for this filter; its first subscription stays open for live events. */
  DONE
}
