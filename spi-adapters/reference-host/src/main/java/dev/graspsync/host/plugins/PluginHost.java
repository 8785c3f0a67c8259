package dev.graspsync.host.plugins;

import dev.graspsync.engine.RelayEngine;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.spi.EventStore;
import dev.graspsync.spi.IngestSource;
import dev.graspsync.spi.IngestVerdict;
import dev.graspsync.spi.hosting.CallerContext;
import dev.graspsync.spi.hosting.HookedRelayHost;
import io.vertx.core.Future;

/** What the reference host offers one plugin: its slice of config, data and hooks, and the engine. */
final class PluginHost extends HookedRelayHost {
  private final RelayEngine engine;

  PluginHost(Slot slot, RelayEngine engine) {
    super(slot);
    this.engine = engine;
  }

  @Override
  public EventStore store() {
    return engine.store();
  }

  @Override
  public Future<IngestVerdict> ingest(Event event, IngestSource source) {
    return CallerContext.complete(() -> engine.ingest(event, source));
  }
}
