package dev.graspsync.nostr.crypto;

/** The outcome of checking an event; {@link #reason()} is fit for an {@code invalid:} message. */
public enum Verification {
  VALID("valid"),
  BAD_ID("event id does not match its content"),
  BAD_SIGNATURE("signature does not verify against the pubkey");

  private final String reason;

  Verification(String reason) {
    this.reason = reason;
  }

  public boolean isValid() {
    return this == VALID;
  }

  public String reason() {
    return reason;
  }
}
