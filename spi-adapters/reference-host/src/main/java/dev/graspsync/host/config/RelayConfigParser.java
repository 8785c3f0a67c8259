package dev.graspsync.host.config;

import dev.graspsync.engine.AcceptancePolicyKind;
import dev.graspsync.spi.hosting.ConfigReader;
import dev.graspsync.spi.hosting.RawConfig;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns merged settings into a {@link RelayConfig}. Pure; every failure is a {@link
 * ConfigException} naming the key, the bad value, where it came from and what is accepted.
 */
public final class RelayConfigParser {
  private final ConfigReader read;

  private RelayConfigParser(RawConfig raw) {
    this.read = new ConfigReader(raw, ConfigException::new);
  }

  public static RelayConfig parse(RawConfig raw) {
    return new RelayConfigParser(raw).parse();
  }

  public static RelayConfig parse(Map<String, String> values) {
    return parse(RawConfig.of(values));
  }

  private RelayConfig parse() {
    read.rejectUnknownKeys(ConfigSources.RELAY_KEYS);
    int eventsPerSecond = integer(RelayKey.EVENTS_PER_SECOND, 1, 1_000_000);
    return new RelayConfig(
        read.listenHost(RelayKey.HOST, "127.0.0.1 or 0.0.0.0"),
        integer(RelayKey.PORT, 0, 65535),
        url(),
        read.list(RelayKey.URL_ALIASES).stream().map(u -> read.wsUrl(RelayKey.URL_ALIASES, u)).toList(),
        value(RelayKey.NAME),
        value(RelayKey.DESCRIPTION),
        read.path(RelayKey.DATA_DIR),
        policy(),
        integer(RelayKey.MAX_LIMIT, 1, 1_000_000),
        integer(RelayKey.MAX_MESSAGE_BYTES, 1024, 64 * 1024 * 1024),
        integer(RelayKey.MAX_SUBSCRIPTIONS, 1, 100_000),
        integer(RelayKey.MAX_FILTERS, 1, 1000),
        integer(RelayKey.MAX_EVENT_TAGS, 1, 1_000_000),
        eventsPerSecond,
        value(RelayKey.EVENTS_BURST).isEmpty()
            ? Math.max(eventsPerSecond * 2, 1)
            : integer(RelayKey.EVENTS_BURST, 1, 10_000_000),
        read.path(RelayKey.PLUGINS_DIR),
        read.pluginIds(RelayKey.PLUGINS, badId -> value(RelayKey.PLUGINS)),
        read.secretKey(RelayKey.AUTH_SECRET_KEY, read::badUnshown),
        integer(RelayKey.VERIFY_THREADS, 0, 256),
        read.seconds(RelayKey.SHUTDOWN_GRACE_SECONDS, 0, 3600),
        read.pluginProperties(),
        negentropy(),
        compression(),
        integer(RelayKey.MAX_CLIENT_BACKLOG_BYTES, 64 * 1024, 1024 * 1024 * 1024));
  }

  private NegentropySettings negentropy() {
    return new NegentropySettings(
        integer(RelayKey.NEGENTROPY_MAX_RECORDS, 1, 50_000_000),
        integer(RelayKey.NEGENTROPY_FRAME_SIZE, 4096, 64 * 1024 * 1024),
        integer(RelayKey.NEGENTROPY_MAX_OPEN, 1, 1000),
        read.seconds(RelayKey.NEGENTROPY_IDLE_SECONDS, 1, 86_400));
  }

  private String value(RelayKey key) {
    return read.value(key);
  }

  private int integer(RelayKey key, int min, int max) {
    return read.integer(key, min, max);
  }

  private WebSocketCompression.Readers compressionReaders() {
    return switch (value(RelayKey.WEBSOCKET_COMPRESSION).toLowerCase(Locale.ROOT)) {
      case "off" -> WebSocketCompression.Readers.NONE;
      case "browsers" -> WebSocketCompression.Readers.BROWSERS;
      case "on" -> WebSocketCompression.Readers.EVERY_CLIENT;
      default -> throw read.bad(RelayKey.WEBSOCKET_COMPRESSION, "on, browsers or off");
    };
  }

  private AcceptancePolicyKind policy() {
    return switch (value(RelayKey.POLICY).toLowerCase(Locale.ROOT)) {
      case "grasp" -> AcceptancePolicyKind.GRASP;
      case "open" -> AcceptancePolicyKind.OPEN;
      default -> throw read.bad(RelayKey.POLICY, "grasp or open");
    };
  }

  private Optional<String> url() {
    String v = value(RelayKey.URL);
    return v.isEmpty() ? Optional.empty() : Optional.of(read.wsUrl(RelayKey.URL, v));
  }

  private WebSocketCompression compression() {
    return new WebSocketCompression(compressionReaders(),
        integer(RelayKey.WEBSOCKET_COMPRESSION_MIN_BYTES, 0, 64 * 1024 * 1024),
        integer(RelayKey.WEBSOCKET_COMPRESSION_LEVEL, 1, 9));
  }
}
