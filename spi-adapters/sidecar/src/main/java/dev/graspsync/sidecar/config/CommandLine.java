package dev.graspsync.sidecar.config;

import dev.graspsync.spi.hosting.ConfigArgs;
import dev.graspsync.spi.hosting.ConfigFile;
import dev.graspsync.spi.hosting.ConfigSources;
import dev.graspsync.spi.hosting.HostConfigException;
import dev.graspsync.spi.hosting.HostKeys;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/** The sidecar's arguments: {@code [--config FILE]}. */
public record CommandLine(Optional<Path> configFile) {

  public static final String USAGE = "usage: grasp-sync-sidecar [--config FILE]";
  /** Set by bin/grasp-sync-sidecar to the distribution's directory. */
  public static final String HOME_PROPERTY = "grasp.home";
  static final HostKeys SIDECAR_KEYS = new HostKeys("sidecar.", SidecarKey.keys(), SidecarKey.PLUGINS.key());

  public static CommandLine parse(String... args) {
    return new CommandLine(ConfigArgs.configFile(USAGE, HostConfigException::new, args));
  }

  /**
   * Reads the file (if any), merges the environment ({@code SIDECAR_*}, {@code PLUGINS_*}) and
   * system properties, and types it all. Started from a distribution, sidecar.plugins-dir
   * defaults to its plugins/ directory.
   */
  public SidecarConfig load(Map<String, String> env, Properties systemProperties) {
    Map<String, String> file = new TreeMap<>();
    String home = systemProperties.getProperty(HOME_PROPERTY, "");
    if (!home.isBlank()) {
      file.put(SidecarKey.PLUGINS_DIR.key(), Path.of(home, "plugins").toString());
    }
    configFile.map(ConfigFile::read).ifPresent(file::putAll);
    return SidecarConfigParser.parse(ConfigSources.merge(SIDECAR_KEYS, file, env, ConfigFile.toMap(systemProperties)));
  }
}
