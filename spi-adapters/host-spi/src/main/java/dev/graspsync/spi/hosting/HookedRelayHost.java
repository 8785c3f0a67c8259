package dev.graspsync.spi.hosting;

import dev.graspsync.spi.AcceptedEvent;
import dev.graspsync.spi.PluginConfig;
import dev.graspsync.spi.RelayHost;
import dev.graspsync.spi.RelayIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What every host process offers one plugin alike: its slice of configuration and data, the
 * shared hooks and HTTP paths. A host adds its store and its ingest.
 */
public abstract class HookedRelayHost implements RelayHost {

  /** Everything but the store: one plugin's place in a host process. */
  public record Slot(String pluginId, Vertx vertx, PluginConfig config, RelayIdentity identity, Path dataDir,
      MeterRegistry meters, PluginHooks hooks, Optional<PluginRoutes> routes) {}

  private final Slot slot;

  protected HookedRelayHost(Slot slot) {
    this.slot = slot;
  }

  @Override
  public final Vertx vertx() {
    return slot.vertx();
  }

  @Override
  public final PluginConfig config() {
    return slot.config();
  }

  @Override
  public final RelayIdentity identity() {
    return slot.identity();
  }

  @Override
  public final Path dataDir() {
    return slot.dataDir();
  }

  @Override
  public final MeterRegistry meters() {
    return slot.meters();
  }

  @Override
  public final void onStartup(Supplier<Future<Void>> handler) {
    slot.hooks().addStartup(slot.pluginId(), handler);
  }

  @Override
  public final void onEventAccepted(Consumer<AcceptedEvent> handler) {
    slot.hooks().addEventAccepted(slot.pluginId(), handler);
  }

  @Override
  public final boolean serveHttp(String path, Handler<HttpServerRequest> handler) {
    slot.routes().ifPresent(r -> r.register(slot.pluginId(), path, handler));
    return slot.routes().isPresent();
  }

  @Override
  public final void onShutdown(Supplier<Future<Void>> handler) {
    slot.hooks().addShutdown(slot.pluginId(), handler);
  }
}
