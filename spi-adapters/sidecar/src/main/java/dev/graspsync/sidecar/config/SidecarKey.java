package dev.graspsync.sidecar.config;

import dev.graspsync.spi.hosting.ConfigKey;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every {@code sidecar.*} key, with its default as an operator writes it. A key outside this
 * list is a typo and stops start-up. docs/sidecar.md documents each one.
 */
public enum SidecarKey implements ConfigKey {
  RELAY_URL("sidecar.relay-url", ""),
  RELAY_PUBLIC_URLS("sidecar.relay-public-urls", ""),
  DATA_DIR("sidecar.data-dir", "./data"),
  HTTP_HOST("sidecar.http-host", "127.0.0.1"),
  HTTP_PORT("sidecar.http-port", "7778"),
  AUTH_SECRET_KEY("sidecar.auth-secret-key", ""),
  PLUGINS("sidecar.plugins", ""),
  PLUGINS_DIR("sidecar.plugins-dir", "./plugins"),
  LIVE_KINDS("sidecar.live-kinds", "30617,1617,1618,1621"),
  LIVE_OVERLAP_SECONDS("sidecar.live-overlap-seconds", "60"),
  PAGE_SIZE("sidecar.page-size", "500"),
  IDS_PER_REQ("sidecar.ids-per-req", "250"),
  MAX_EVENTS_IN_FLIGHT("sidecar.max-events-in-flight", "100"),
  MAX_OPEN_REQS("sidecar.max-open-reqs", "8"),
  REQUEST_TIMEOUT_SECONDS("sidecar.request-timeout-seconds", "30"),
  RECONNECT_MAX_SECONDS("sidecar.reconnect-max-seconds", "30"),
  SHUTDOWN_GRACE_SECONDS("sidecar.shutdown-grace-seconds", "10");

  private final String key;
  private final String defaultValue;

  SidecarKey(String key, String defaultValue) {
    this.key = key;
    this.defaultValue = defaultValue;
  }

  @Override
  public String key() {
    return key;
  }

  /** The default as written in a properties file; "" when there is none. */
  @Override
  public String defaultValue() {
    return defaultValue;
  }

  public static Optional<SidecarKey> of(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(SidecarKey::key).toList();
  }
}
