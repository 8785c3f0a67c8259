package dev.graspsync.host.config;

import dev.graspsync.spi.hosting.ConfigArgs;
import dev.graspsync.spi.hosting.ConfigFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/** The relay's arguments: {@code [--config FILE]}. */
public record CommandLine(Optional<Path> configFile) {

  public static final String USAGE = "usage: grasp-relay [--config FILE]";

  public static CommandLine parse(String... args) {
    return new CommandLine(ConfigArgs.configFile(USAGE, ConfigException::new, args));
  }

  /** Set by bin/grasp-relay to the distribution's directory. */
  public static final String HOME_PROPERTY = "grasp.home";

  /**
   * Reads the file (if any), merges the environment and system properties, and types it all.
   * Started from a distribution, relay.plugins-dir defaults to its plugins/ directory.
   */
  public RelayConfig load(Map<String, String> env, Properties systemProperties) {
    Map<String, String> file = new TreeMap<>();
    String home = systemProperties.getProperty(HOME_PROPERTY, "");
    if (!home.isBlank()) {
      file.put(RelayKey.PLUGINS_DIR.key(), Path.of(home, "plugins").toString());
    }
    configFile.map(ConfigFile::read).ifPresent(file::putAll);
    return RelayConfigParser.parse(ConfigSources.merge(file, env, ConfigFile.toMap(systemProperties)));
  }
}
