package dev.graspsync.engine.store;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.spi.IngestSource;
import java.util.function.Consumer;

/**
 * An event waiting for the writer, and whom to tell the outcome. {@code done} is called on
 * the writer thread once the outcome is durable; it must hand off, never block.
 */
public record PendingWrite(Event event, IngestSource source, Consumer<Admission> done) {}
