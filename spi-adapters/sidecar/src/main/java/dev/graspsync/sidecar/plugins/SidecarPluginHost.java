package dev.graspsync.sidecar.plugins;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.sidecar.ingest.EventWriter;
import dev.graspsync.spi.EventStore;
import dev.graspsync.spi.IngestSource;
import dev.graspsync.spi.IngestVerdict;
import dev.graspsync.spi.hosting.CallerContext;
import dev.graspsync.spi.hosting.HookedRelayHost;
import io.vertx.core.Future;

/**
 * What the sidecar offers one plugin: the shared hooks and HTTP paths, the operator's relay as
 * its store (read with REQ) and its ingest (EVENT, answered by OK). The relay runs its own
 * acceptance checks; the sidecar adds none.
 */
final class SidecarPluginHost extends HookedRelayHost {
  private final EventStore store;
  private final EventWriter writer;

  SidecarPluginHost(Slot slot, EventStore store, EventWriter writer) {
    super(slot);
    this.store = store;
    this.writer = writer;
  }

  @Override
  public EventStore store() {
    return store;
  }

  @Override
  public Future<IngestVerdict> ingest(Event event, IngestSource source) {
    return CallerContext.complete(() -> writer.write(event));
  }
}
