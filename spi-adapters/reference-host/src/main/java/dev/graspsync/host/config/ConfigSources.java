package dev.graspsync.host.config;

import dev.graspsync.spi.hosting.HostKeys;
import dev.graspsync.spi.hosting.RawConfig;
import java.util.Arrays;
import java.util.Map;

/**
 * The relay's settings from file, environment and {@code -D}, merged by the hosts' shared
 * {@link dev.graspsync.spi.hosting.ConfigSources} with the {@code relay.} keys: {@code
 * RELAY_PORT} is relay.port, and every {@code RELAY_*} variable is taken as a relay key.
 */
public final class ConfigSources {
  static final HostKeys RELAY_KEYS = new HostKeys("relay.",
      Arrays.stream(RelayKey.values()).map(RelayKey::key).toList(), RelayKey.PLUGINS.key());

  private ConfigSources() {}

  public static String envName(String key) {
    return dev.graspsync.spi.hosting.ConfigSources.envName(key);
  }

  public static RawConfig merge(Map<String, String> file, Map<String, String> env, Map<String, String> systemProperties) {
    return dev.graspsync.spi.hosting.ConfigSources.merge(RELAY_KEYS, file, env, systemProperties);
  }
}
