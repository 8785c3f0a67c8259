package dev.graspsync.sync.relay;

/** Whether a relay's address may be dialled. */
public sealed interface AddressVerdict {
  AddressClass addressClass();

  default boolean allowed() {
    return this instanceof Allowed;
  }

  record Allowed(AddressClass addressClass) implements AddressVerdict {}

  /** {@code address} is the textual address (or host name) refused. */
  record Refused(AddressClass addressClass, String address, String reason) implements AddressVerdict {}
}
