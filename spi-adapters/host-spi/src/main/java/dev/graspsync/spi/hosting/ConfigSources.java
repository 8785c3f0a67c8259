package dev.graspsync.spi.hosting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the three sources of a host's settings, lowest precedence first: the properties file,
 * the environment, {@code -D} system properties. Pure: the caller hands in the maps.
 *
 * <p>An environment variable names a key upper-cased with '.' and '-' as '_'
 * ({@code RELAY_PORT}, {@code PLUGINS_GRASP_SYNC_BOOTSTRAP_RELAYS}). Every variable starting
 * with the host's prefix ({@code RELAY_}, {@code SIDECAR_}) is taken as one of its keys, so a
 * misspelt one fails start-up like a misspelt file key. A {@code PLUGINS_*} variable belongs to
 * the plugin whose id matches longest; its key is the rest, lower-cased with '_' as '-', unless
 * a file key of that plugin has the same environment name (then that key).
 */
public final class ConfigSources {
  private static final String PLUGINS = "plugins.";
  private static final String PLUGINS_ENV = "PLUGINS_";

  private ConfigSources() {}

  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public static RawConfig merge(HostKeys host, Map<String, String> file, Map<String, String> env,
      Map<String, String> systemProperties) {
    Map<String, String> values = new TreeMap<>();
    Map<String, String> origins = new TreeMap<>();
    file.forEach((k, v) -> put(values, origins, k.trim(), v, "the configuration file"));

    Map<String, String> sys = new TreeMap<>();
    systemProperties.forEach((k, v) -> {
      if (k.startsWith(host.prefix()) || k.startsWith(PLUGINS)) {
        sys.put(k, v);
      }
    });

    Map<String, String> keysByEnvName = new HashMap<>();
    host.known().forEach(k -> keysByEnvName.put(envName(k), k));
    values.keySet().forEach(k -> keysByEnvName.putIfAbsent(envName(k), k));
    sys.keySet().forEach(k -> keysByEnvName.putIfAbsent(envName(k), k));

    String hostEnv = envName(host.prefix());
    List<String> pluginIds = pluginIds(host, values, env, sys);
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String name = e.getKey();
      String known = keysByEnvName.get(name);
      String origin = "environment variable " + name;
      if (known != null) {
        put(values, origins, known, e.getValue(), origin);
      } else if (name.startsWith(hostEnv)) {
        put(values, origins, host.prefix() + keyPart(name.substring(hostEnv.length())), e.getValue(), origin);
      } else if (name.startsWith(PLUGINS_ENV)) {
        pluginKey(name, pluginIds).ifPresent(key -> put(values, origins, key, e.getValue(), origin));
      }
    }
    sys.forEach((k, v) -> put(values, origins, k, v, "system property -D" + k));
    return new RawConfig(values, origins);
  }

  private static void put(Map<String, String> values, Map<String, String> origins, String key, String value, String origin) {
    values.put(key, value);
    origins.put(key, origin);
  }

  /** Plugin ids named anywhere: in the plugins key (from any source) and in plugins.<id>.* keys. */
  private static List<String> pluginIds(HostKeys host, Map<String, String> file, Map<String, String> env,
      Map<String, String> sys) {
    Set<String> ids = new LinkedHashSet<>();
    String key = host.pluginsKey();
    String enabled = sys.getOrDefault(key, env.getOrDefault(envName(key), file.getOrDefault(key, "")));
    for (String id : enabled.split(",")) {
      if (!id.isBlank()) {
        ids.add(id.trim());
      }
    }
    for (Map<String, String> source : List.of(file, sys)) {
      for (String k : source.keySet()) {
        if (k.startsWith(PLUGINS)) {
          int dot = k.indexOf('.', PLUGINS.length());
          if (dot > 0) {
            ids.add(k.substring(PLUGINS.length(), dot));
          }
        }
      }
    }
    List<String> longestFirst = new ArrayList<>(ids);
    longestFirst.sort(Comparator.comparingInt(String::length).reversed());
    return longestFirst;
  }

  private static Optional<String> pluginKey(String envVar, List<String> pluginIds) {
    for (String id : pluginIds) {
      String prefix = envName(PLUGINS + id + ".");
      if (envVar.startsWith(prefix) && envVar.length() > prefix.length()) {
        return Optional.of(PLUGINS + id + "." + keyPart(envVar.substring(prefix.length())));
      }
    }
    return Optional.empty();
  }

  private static String keyPart(String envPart) {
    return envPart.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
