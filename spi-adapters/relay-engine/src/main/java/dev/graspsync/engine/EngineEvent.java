package dev.graspsync.engine;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.spi.IngestSource;

/**
 * An event the engine accepted, as its listeners see it.
 *
 * @param stored false for ephemeral events, which are delivered but never stored
 * @param storeSequence the store's sequence number once the event was committed (see {@link
 *     #inSnapshot}); meaningless for an ephemeral event
 */
public record EngineEvent(Event event, IngestSource source, boolean stored, long storeSequence) {
  /**
   * Whether a stored query that read the snapshot {@code snapshotSequence} (as reported by
   * {@link RelayEngine#query(java.util.List, java.util.function.LongConsumer,
   * java.util.function.Function)}) could see this event. False for an ephemeral event.
   */
  public boolean inSnapshot(long snapshotSequence) {
    return stored && storeSequence <= snapshotSequence;
  }
}
