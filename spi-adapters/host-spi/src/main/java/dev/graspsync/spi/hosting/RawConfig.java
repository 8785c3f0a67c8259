package dev.graspsync.spi.hosting;

import java.util.Map;
import java.util.TreeMap;

/**
 * Merged settings before typing: key to value, and key to where the winning value came from
 * (for messages that point an operator at the right file, variable or flag).
 */
public record RawConfig(Map<String, String> values, Map<String, String> origins) {
  public RawConfig {
    values = Map.copyOf(values);
    origins = Map.copyOf(origins);
  }

  public static RawConfig of(Map<String, String> values) {
    Map<String, String> origins = new TreeMap<>();
    values.keySet().forEach(k -> origins.put(k, "configuration"));
    return new RawConfig(values, origins);
  }

  public String origin(String key) {
    return origins.getOrDefault(key, "configuration");
  }
}
