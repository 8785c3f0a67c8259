package dev.graspsync.host.server;

import dev.graspsync.engine.EngineEvent;
import dev.graspsync.host.wire.EventFrame;

/**
 * An accepted event on its way to live subscribers: its message bytes, shared by every
 * subscriber, and where it stands in store order, which tells a subscription whose stored
 * query already saw it.
 */
record LiveEvent(EngineEvent accepted, EventFrame frame) {
  static LiveEvent of(EngineEvent accepted) {
    return new LiveEvent(accepted, EventFrame.of(accepted.event()));
  }

  /** Whether a stored query reading the snapshot {@code snapshotSequence} could see this event. */
  boolean inSnapshot(long snapshotSequence) {
    return accepted.inSnapshot(snapshotSequence);
  }
}
