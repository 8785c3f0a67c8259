package dev.graspsync.sync.dial;

/** Whether a connection attempt may go ahead after resolution and the address policy. */
public sealed interface DialOutcome {

  /** Dial {@code target}: its address passed the policy (or the relay is trusted). */
  record Ready(DialTarget target) implements DialOutcome {}

  /** No connection is made; {@code detail} is for operators (already free of control characters). */
  record Failed(ConnectFailure reason, String detail) implements DialOutcome {}
}
