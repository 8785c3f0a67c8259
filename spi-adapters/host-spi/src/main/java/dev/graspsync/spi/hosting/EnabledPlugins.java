package dev.graspsync.spi.hosting;

import dev.graspsync.spi.RelayPlugin;
import dev.graspsync.spi.loader.LoadedPlugin;
import dev.graspsync.spi.loader.PluginLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The plugins a host process enables, found in its plugins directory. */
public final class EnabledPlugins {
  private EnabledPlugins() {}

  /**
   * The plugins named in {@code ids} (the value of {@code pluginsKey}), in that order. Jars of
   * plugins that are not enabled are loaded (to know their ids) and ignored; an id no jar
   * provides fails with {@code configError} of a message naming the key and the id.
   */
  public static List<RelayPlugin> find(List<String> ids, String pluginsKey, Path pluginsDir, ClassLoader hostLoader,
      Function<String, ? extends RuntimeException> configError) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, LoadedPlugin> found = PluginLoader.load(pluginsDir, hostLoader);
    List<RelayPlugin> enabled = new ArrayList<>();
    for (String id : ids) {
      LoadedPlugin plugin = found.get(id);
      if (plugin == null) {
        throw configError.apply(pluginsKey + " names plugin '" + id + "' but no jar in "
            + pluginsDir.toAbsolutePath() + " provides it"
            + (found.isEmpty() ? " (no plugins found there)" : " (found: " + String.join(", ", found.keySet()) + ")"));
      }
      enabled.add(plugin.plugin());
    }
    return List.copyOf(enabled);
  }
}
