package dev.graspsync.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A plugin's properties ({@code plugins.<id>.*} with the prefix removed). Typed getters
 * throw {@link PluginConfigException} naming the full key and what it accepts, so a bad
 * value stops start-up with a message an operator can act on.
 */
public final class PluginConfig {
  private final String prefix;
  private final Map<String, String> values;

  /** {@code prefix} is how keys are named in messages, for example {@code plugins.grasp-sync.}. */
  public PluginConfig(String prefix, Map<String, String> values) {
    this.prefix = prefix;
    this.values = Map.copyOf(values);
  }

  public static PluginConfig empty(String pluginId) {
    return new PluginConfig("plugins." + pluginId + ".", Map.of());
  }

  /** All keys as given (prefix removed), sorted. */
  public Map<String, String> asMap() {
    return new TreeMap<>(values);
  }

  public String fullKey(String key) {
    return prefix + key;
  }

  public Optional<String> get(String key) {
    String v = values.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  public String getString(String key, String defaultValue) {
    return get(key).orElse(defaultValue);
  }

  public long getLong(String key, long defaultValue, long min, long max) {
    Optional<String> raw = get(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      long v = Long.parseLong(raw.get());
      if (v < min || v > max) {
        throw bad(key, raw.get(), "an integer from " + min + " to " + max);
      }
      return v;
    } catch (NumberFormatException e) {
      throw bad(key, raw.get(), "an integer from " + min + " to " + max);
    }
  }

  public int getInt(String key, int defaultValue, int min, int max) {
    return (int) getLong(key, defaultValue, min, max);
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    Optional<String> raw = get(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw bad(key, raw.get(), "true or false");
    };
  }

  /** Seconds as a whole number, bounded. */
  public Duration getSeconds(String key, long defaultSeconds, long minSeconds, long maxSeconds) {
    return Duration.ofSeconds(getLong(key, defaultSeconds, minSeconds, maxSeconds));
  }

  /** Comma-separated list, blanks dropped. */
  public List<String> getList(String key) {
    List<String> out = new ArrayList<>();
    get(key).ifPresent(v -> {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    });
    return List.copyOf(out);
  }

  public PluginConfigException bad(String key, String value, String accepts) {
    return new PluginConfigException(
        "bad value '" + value + "' for " + fullKey(key) + ": expected " + accepts);
  }
}
