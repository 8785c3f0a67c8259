package dev.graspsync.spi.hosting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a plugin keeps its files: {@code <host data dir>/plugins/<plugin id>}, made at registration. */
public final class PluginDataDir {
  private PluginDataDir() {}

  /** Creates the plugin's directory (and its parents) when missing, and returns it. */
  public static Path create(Path hostDataDir, String pluginId) {
    Path dir = hostDataDir.resolve("plugins").resolve(pluginId);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create data directory " + dir + " for plugin '" + pluginId + "': " + e.getMessage(), e);
    }
    return dir;
  }
}
