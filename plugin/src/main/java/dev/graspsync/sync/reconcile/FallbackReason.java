package dev.graspsync.sync.reconcile;

/** Why a filter was fetched with paged REQs instead of reconciled; the metric's {@code reason} label. */
public enum FallbackReason {
  /** A NOTICE answered the NEG-OPEN: the relay does not know the message. */
  NOTICE("notice"),
  /** NEG-ERR other than a "too many" one that splitting cures. */
  NEG_ERR("neg-err"),
  /** No answer within the timeout. */
  TIMEOUT("timeout"),
  /** The relay speaks a protocol version other than ours (0x61). */
  VERSION("version"),
  /** A NEG-MSG payload that does not decode. */
  MALFORMED("malformed"),
  /** CLOSED on the reconciliation's id, other than a rate limit. */
  CLOSED("closed"),
  /** The host could not give the local set for the filter. */
  LOCAL_SET("local-set"),
  /** Still "too many" at a one-second range: nothing left to split. */
  UNSPLITTABLE("unsplittable");

  private final String label;

  FallbackReason(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
