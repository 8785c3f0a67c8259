package dev.graspsync.spi;

import dev.graspsync.nostr.event.Event;

/** An event the host has just stored, and where it came from. */
public record AcceptedEvent(Event event, IngestSource source) {}
