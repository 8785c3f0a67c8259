package dev.graspsync.engine.policy;

/** The acceptance policy's answer for one event. */
public sealed interface PolicyDecision {

  record Accept() implements PolicyDecision {}

  /** {@code reason} starts with a NIP-01 machine prefix ({@code blocked:}, {@code restricted:}). */
  record Refuse(String reason) implements PolicyDecision {}

  PolicyDecision ACCEPT = new Accept();

  default boolean accepted() {
    return this instanceof Accept;
  }
}
