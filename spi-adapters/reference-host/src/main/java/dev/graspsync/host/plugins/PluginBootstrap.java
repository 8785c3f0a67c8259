package dev.graspsync.host.plugins;

import dev.graspsync.engine.RelayEngine;
import dev.graspsync.host.StartupException;
import dev.graspsync.host.config.ConfigException;
import dev.graspsync.host.config.RelayConfig;
import dev.graspsync.host.config.RelayKey;
import dev.graspsync.spi.RelayIdentity;
import dev.graspsync.spi.RelayPlugin;
import dev.graspsync.spi.hosting.EnabledPlugins;
import dev.graspsync.spi.hosting.PluginDataDir;
import dev.graspsync.spi.hosting.PluginHooks;
import dev.graspsync.spi.hosting.PluginRoutes;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the enabled plugins in the plugins directory and registers each with its own host. */
public final class PluginBootstrap {
  private static final Logger log = LoggerFactory.getLogger(PluginBootstrap.class);

  private PluginBootstrap() {}

  /**
   * The plugins named in {@code relay.plugins}, in that order. Fails naming an id no jar
   * provides. Jars of plugins that are not enabled are loaded (to know their ids) and ignored.
   */
  public static List<RelayPlugin> find(RelayConfig config, ClassLoader hostLoader) {
    return EnabledPlugins.find(config.plugins(), RelayKey.PLUGINS.key(), config.pluginsDir(), hostLoader, ConfigException::new);
  }

  /**
   * Calls each plugin's {@code register} with a host of its own that serves no HTTP (a host
   * without a port). A plugin that throws (for example on a bad property) stops start-up with
   * its message.
   */
  public static void register(List<RelayPlugin> plugins, RelayConfig config, Vertx vertx, RelayIdentity identity,
      MeterRegistry meters, RelayEngine engine, PluginHooks hooks) {
    register(plugins, config, vertx, identity, meters, engine, hooks, Optional.empty());
  }

  /**
   * Calls each plugin's {@code register} with a host of its own, whose HTTP GET paths go to
   * {@code routes}. A plugin that throws (for example on a bad property, or asking for a path
   * that is taken) stops start-up with its message.
   */
  public static void register(List<RelayPlugin> plugins, RelayConfig config, Vertx vertx, RelayIdentity identity,
      MeterRegistry meters, RelayEngine engine, PluginHooks hooks, Optional<PluginRoutes> routes) {
    for (RelayPlugin plugin : plugins) {
      String id = plugin.id();
      Path dataDir;
      try {
        dataDir = PluginDataDir.create(config.dataDir(), id);
      } catch (UncheckedIOException e) {
        throw new StartupException(e.getMessage(), e.getCause());
      }
      PluginHost host = new PluginHost(
          new PluginHost.Slot(id, vertx, config.pluginConfig(id), identity, dataDir, meters, hooks, routes), engine);
      try {
        plugin.register(host);
      } catch (RuntimeException | LinkageError e) {
        throw new StartupException("plugin '" + id + "' cannot start: " + e.getMessage(), e);
      }
      log.info("plugin '{}' registered", id);
    }
  }
}
