package dev.graspsync.spi.loader;

import dev.graspsync.spi.RelayPlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds {@link RelayPlugin}s in the jars of a plugins directory. Each jar gets its own class
 * loader whose parent is the host's, so a plugin sees the SPI and the libraries the host
 * shares (Vert.x, Micrometer, RocksDB, nostr-core) but not another plugin's classes.
 */
public final class PluginLoader {
  private static final Logger log = LoggerFactory.getLogger(PluginLoader.class);

  private PluginLoader() {}

  /**
   * Loads every plugin found, keyed by id. Throws {@link PluginLoadException} for a
   * directory that cannot be read, a jar whose provider cannot be instantiated, or two
   * plugins claiming the same id.
   */
  public static Map<String, LoadedPlugin> load(Path pluginsDir, ClassLoader hostLoader) {
    Map<String, LoadedPlugin> plugins = new LinkedHashMap<>();
    for (Path jar : jars(pluginsDir)) {
      URLClassLoader loader = new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {url(jar)}, hostLoader);
      try {
        for (RelayPlugin plugin : ServiceLoader.load(RelayPlugin.class, loader)) {
          // ServiceLoader also sees providers of the parent loader; keep only this jar's.
          if (plugin.getClass().getClassLoader() != loader) {
            continue;
          }
          LoadedPlugin previous = plugins.putIfAbsent(plugin.id(), new LoadedPlugin(plugin, jar));
          if (previous != null) {
            throw new PluginLoadException(
                "plugin id '" + plugin.id() + "' is provided by both " + previous.jar() + " and " + jar);
          }
          log.info("found plugin '{}' in {}", plugin.id(), jar);
        }
      } catch (ServiceConfigurationError e) {
        throw new PluginLoadException("cannot load plugin from " + jar + ": " + e.getMessage(), e);
      }
    }
    return plugins;
  }

  private static List<Path> jars(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> jars = new ArrayList<>(files.filter(p -> p.toString().endsWith(".jar")).toList());
      jars.sort(Comparator.naturalOrder());
      return jars;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list plugins directory " + dir, e);
    }
  }

  private static URL url(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new PluginLoadException("bad plugin path " + jar, e);
    }
  }
}
