package dev.graspsync.host.config;

import dev.graspsync.spi.hosting.ConfigKey;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every {@code relay.*} key the host knows, with its default as an operator writes it. A key
 * outside this list is a typo and stops start-up. docs/configuration.md documents each one.
 */
public enum RelayKey implements ConfigKey {
  HOST("relay.host", "127.0.0.1"),
  PORT("relay.port", "7777"),
  URL("relay.url", ""),
  URL_ALIASES("relay.url-aliases", ""),
  NAME("relay.name", "grasp-sync reference relay"),
  DESCRIPTION("relay.description", "A GRASP relay for git repositories announced over Nostr."),
  DATA_DIR("relay.data-dir", "./data"),
  POLICY("relay.policy", "grasp"),
  MAX_LIMIT("relay.max-limit", "5000"),
  MAX_MESSAGE_BYTES("relay.max-message-bytes", "524288"),
  MAX_SUBSCRIPTIONS("relay.max-subscriptions", "100"),
  MAX_FILTERS("relay.max-filters", "100"),
  MAX_EVENT_TAGS("relay.max-event-tags", "2500"),
  EVENTS_PER_SECOND("relay.events-per-second", "50"),
  EVENTS_BURST("relay.events-burst", ""),
  PLUGINS_DIR("relay.plugins-dir", "./plugins"),
  PLUGINS("relay.plugins", ""),
  AUTH_SECRET_KEY("relay.auth-secret-key", ""),
  VERIFY_THREADS("relay.verify-threads", "0"),
  SHUTDOWN_GRACE_SECONDS("relay.shutdown-grace-seconds", "10"),
  NEGENTROPY_MAX_RECORDS("relay.negentropy-max-records", "1000000"),
  NEGENTROPY_FRAME_SIZE("relay.negentropy-frame-size", "131072"),
  NEGENTROPY_MAX_OPEN("relay.negentropy-max-open", "4"),
  NEGENTROPY_IDLE_SECONDS("relay.negentropy-idle-seconds", "60"),
  WEBSOCKET_COMPRESSION("relay.websocket-compression", "browsers"),
  WEBSOCKET_COMPRESSION_MIN_BYTES("relay.websocket-compression-min-bytes", "1024"),
  WEBSOCKET_COMPRESSION_LEVEL("relay.websocket-compression-level", "6"),
  MAX_CLIENT_BACKLOG_BYTES("relay.max-client-backlog-bytes", "16777216");

  private final String key;
  private final String defaultValue;

  RelayKey(String key, String defaultValue) {
    this.key = key;
    this.defaultValue = defaultValue;
  }

  @Override
  public String key() {
    return key;
  }

  /** The default as written in a properties file; "" when the default is derived or absent. */
  @Override
  public String defaultValue() {
    return defaultValue;
  }

  /** The environment variable that overrides this key: upper-case, '.' and '-' as '_'. */
  public String envName() {
    return ConfigSources.envName(key);
  }

  public static Optional<RelayKey> of(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }
}
