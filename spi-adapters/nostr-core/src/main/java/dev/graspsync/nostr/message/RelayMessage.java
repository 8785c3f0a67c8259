package dev.graspsync.nostr.message;

import dev.graspsync.nostr.event.Event;

/** Messages a relay sends to a client (NIP-01, NIP-42, NIP-45, NIP-77). */
public sealed interface RelayMessage {

  /** {@code ["EVENT", subId, event]}. */
  record EventMessage(String subscriptionId, Event event) implements RelayMessage {}

  /** {@code ["OK", eventId, accepted, message]}. */
  record Ok(String eventId, boolean accepted, String message) implements RelayMessage {}

  /** {@code ["EOSE", subId]}. */
  record Eose(String subscriptionId) implements RelayMessage {}

  /** {@code ["CLOSED", subId, message]}. */
  record Closed(String subscriptionId, String message) implements RelayMessage {}

  /** {@code ["NOTICE", message]}. */
  record Notice(String message) implements RelayMessage {}

  /** {@code ["AUTH", challenge]}. */
  record AuthChallenge(String challenge) implements RelayMessage {}

  /** {@code ["COUNT", subId, {"count": n}]}. */
  record CountResult(String subscriptionId, long count) implements RelayMessage {}

  /** {@code ["NEG-MSG", subId, messageHex]}. */
  record NegMsg(String subscriptionId, String messageHex) implements RelayMessage {}

  /** {@code ["NEG-ERR", subId, reason]}. */
  record NegErr(String subscriptionId, String reason) implements RelayMessage {}
}
