package dev.graspsync.it.host;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * grasp-sync properties for tests (keys without the {@code plugins.grasp-sync.} prefix; see
 * SyncProperty): loopback relays allowed, short batch window, no start-up jitter, backoff in
 * seconds instead of minutes. Tests override what their scenario is about.
 */
public final class SyncSettings {
  private final Map<String, String> values = new LinkedHashMap<>();

  private SyncSettings() {}

  /** Test defaults with these bootstrap relays (none is fine: discovery then does all). */
  public static SyncSettings forTests(String... bootstrapRelays) {
    SyncSettings s = new SyncSettings();
    if (bootstrapRelays.length > 0) {
      s.values.put("bootstrap-relays", String.join(",", bootstrapRelays));
    }
    s.values.put("allow-private-addresses", "true");
    s.values.put("batch-window-ms", "50");
    s.values.put("startup-jitter-ms", "0");
    s.values.put("base-backoff-seconds", "1");
    s.values.put("max-backoff-seconds", "2");
    s.values.put("connect-timeout-seconds", "5");
    return s;
  }

  /** The plugin's defaults (private addresses refused) plus these bootstrap relays and no jitter. */
  public static SyncSettings defaults(List<String> bootstrapRelays) {
    SyncSettings s = new SyncSettings();
    if (!bootstrapRelays.isEmpty()) {
      s.values.put("bootstrap-relays", String.join(",", bootstrapRelays));
    }
    s.values.put("startup-jitter-ms", "0");
    s.values.put("batch-window-ms", "50");
    return s;
  }

  public SyncSettings with(String key, Object value) {
    values.put(key, String.valueOf(value));
    return this;
  }

  public SyncSettings without(String key) {
    values.remove(key);
    return this;
  }

  public Map<String, String> map() {
    return Map.copyOf(values);
  }
}
