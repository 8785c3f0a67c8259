package dev.graspsync.sidecar.plugins;

import dev.graspsync.sidecar.config.SidecarConfig;
import dev.graspsync.sidecar.config.SidecarKey;
import dev.graspsync.sidecar.ingest.EventWriter;
import dev.graspsync.spi.EventStore;
import dev.graspsync.spi.RelayIdentity;
import dev.graspsync.spi.RelayPlugin;
import dev.graspsync.spi.hosting.EnabledPlugins;
import dev.graspsync.spi.hosting.HookedRelayHost;
import dev.graspsync.spi.hosting.HostConfigException;
import dev.graspsync.spi.hosting.PluginDataDir;
import dev.graspsync.spi.hosting.PluginHooks;
import dev.graspsync.spi.hosting.PluginRoutes;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the plugins named in sidecar.plugins and registers each with a host of its own. */
public final class SidecarPlugins {
  private static final Logger log = LoggerFactory.getLogger(SidecarPlugins.class);

  /** What every plugin's host shares. */
  public record Shared(Vertx vertx, RelayIdentity identity, MeterRegistry meters, PluginHooks hooks,
      PluginRoutes routes, EventStore store, EventWriter writer) {}

  private SidecarPlugins() {}

  public static List<RelayPlugin> find(SidecarConfig config, ClassLoader hostLoader) {
    return EnabledPlugins.find(config.plugins(), SidecarKey.PLUGINS.key(), config.pluginsDir(), hostLoader,
        HostConfigException::new);
  }

  /**
   * Calls each plugin's {@code register}; a plugin that throws (for example on a bad property)
   * stops start-up with its message, as a {@link HostConfigException} for a configuration
   * problem.
   */
  public static void register(List<RelayPlugin> plugins, SidecarConfig config, Shared shared) {
    for (RelayPlugin plugin : plugins) {
      String id = plugin.id();
      Path dataDir = PluginDataDir.create(config.dataDir(), id);
      HookedRelayHost.Slot slot = new HookedRelayHost.Slot(id, shared.vertx(), config.pluginConfig(id),
          shared.identity(), dataDir, shared.meters(), shared.hooks(), Optional.of(shared.routes()));
      plugin.register(new SidecarPluginHost(slot, shared.store(), shared.writer()));
      log.info("plugin '{}' registered", id);
    }
  }
}
