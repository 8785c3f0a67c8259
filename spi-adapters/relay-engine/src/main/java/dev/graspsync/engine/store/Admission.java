package dev.graspsync.engine.store;

/** What the writer did with one event. */
public sealed interface Admission {

  /** Written in this batch; durable once the batch commits. */
  record Stored() implements Admission {}

  /** Ephemeral: accepted and passed on, never written. */
  record Broadcast() implements Admission {}

  /** Known id, deleted by its author, or older than the stored version of its address. */
  record Duplicate(String reason) implements Admission {}

  /** Refused by the acceptance policy, or the store failed. */
  record Refused(String reason) implements Admission {}

  Admission STORED = new Stored();
  Admission BROADCAST = new Broadcast();
}
