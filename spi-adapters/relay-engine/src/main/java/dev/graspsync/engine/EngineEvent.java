package dev.graspsync.engine;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.spi.IngestSource;

/**
 * An event the engine accepted, as its listeners see it.
 *
 * @param stored false for ephemeral events, which are delivered but never stored
 */
public record EngineEvent(Event event, IngestSource source, boolean stored) {}
