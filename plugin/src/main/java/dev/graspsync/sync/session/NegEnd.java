package dev.graspsync.sync.session;

import java.time.Duration;

/**
 * How a NIP-77 reconciliation ended other than by our own NEG-CLOSE: the relay's word on it, its
 * silence, or the connection. The caller decides what each means (split, fall back to REQ,
 * retry the batch); see {@code dev.graspsync.sync.reconcile.NegDecision}.
 */
public sealed interface NegEnd {

  /** {@code NEG-ERR} with the relay's reason ({@code blocked: ...}, {@code closed: ...}, ...). */
  record Error(String reason) implements NegEnd {}

  /** A NOTICE before the relay answered the NEG-OPEN: it most likely does not speak NIP-77. */
  record Notice(String message) implements NegEnd {}

  /** Nothing from the relay about it for {@code after}. */
  record TimedOut(Duration after) implements NegEnd {}

  /** CLOSED on the reconciliation's id, as some relays answer a subscription they refuse. */
  record Closed(String message) implements NegEnd {}

  /** The connection ended under it (not by us). */
  record Disconnected(String reason) implements NegEnd {}

  /** We closed the connection. */
  record Cancelled() implements NegEnd {}
}
