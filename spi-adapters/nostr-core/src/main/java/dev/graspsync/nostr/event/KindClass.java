package dev.graspsync.nostr.event;

/** NIP-01 storage classes of event kinds. */
public enum KindClass {
  REGULAR,
  /** 0, 3, 10000-19999: latest per (pubkey, kind). */
  REPLACEABLE,
  /** 20000-29999: broadcast, never stored. */
  EPHEMERAL,
  /** 30000-39999: latest per (pubkey, kind, d). */
  ADDRESSABLE;

  public static KindClass of(int kind) {
    if (kind == 0 || kind == 3 || (kind >= 10000 && kind < 20000)) {
      return REPLACEABLE;
    }
    if (kind >= 20000 && kind < 30000) {
      return EPHEMERAL;
    }
    if (kind >= 30000 && kind < 40000) {
      return ADDRESSABLE;
    }
    return REGULAR;
  }
}
