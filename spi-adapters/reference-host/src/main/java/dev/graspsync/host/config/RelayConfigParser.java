package dev.graspsync.host.config;

import dev.graspsync.engine.AcceptancePolicyKind;
import dev.graspsync.spi.hosting.RawConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns merged settings into a {@link RelayConfig}. Pure; every failure is a {@link
 * ConfigException} naming the key, the bad value, where it came from and what is accepted.
 */
public final class RelayConfigParser {
  private static final Pattern PLUGIN_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern HEX_SECRET = Pattern.compile("[0-9a-f]{64}");

  private final RawConfig raw;

  private RelayConfigParser(RawConfig raw) {
    this.raw = raw;
  }

  public static RelayConfig parse(RawConfig raw) {
    return new RelayConfigParser(raw).parse();
  }

  public static RelayConfig parse(Map<String, String> values) {
    return parse(RawConfig.of(values));
  }

  private RelayConfig parse() {
    rejectUnknownKeys();
    int eventsPerSecond = integer(RelayKey.EVENTS_PER_SECOND, 1, 1_000_000);
    return new RelayConfig(
        host(),
        integer(RelayKey.PORT, 0, 65535),
        url(),
        list(RelayKey.URL_ALIASES).stream().map(u -> checkUrl(RelayKey.URL_ALIASES, u)).toList(),
        text(RelayKey.NAME),
        text(RelayKey.DESCRIPTION),
        path(RelayKey.DATA_DIR),
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
        path(RelayKey.PLUGINS_DIR),
        pluginIds(),
        secretKey(),
        integer(RelayKey.VERIFY_THREADS, 0, 256),
        Duration.ofSeconds(integer(RelayKey.SHUTDOWN_GRACE_SECONDS, 0, 3600)),
        pluginProperties(),
        negentropy(),
        compression(),
        integer(RelayKey.MAX_CLIENT_BACKLOG_BYTES, 64 * 1024, 1024 * 1024 * 1024));
  }

  private NegentropySettings negentropy() {
    return new NegentropySettings(
        integer(RelayKey.NEGENTROPY_MAX_RECORDS, 1, 50_000_000),
        integer(RelayKey.NEGENTROPY_FRAME_SIZE, 4096, 64 * 1024 * 1024),
        integer(RelayKey.NEGENTROPY_MAX_OPEN, 1, 1000),
        Duration.ofSeconds(integer(RelayKey.NEGENTROPY_IDLE_SECONDS, 1, 86_400)));
  }

  private void rejectUnknownKeys() {
    for (String key : raw.values().keySet()) {
      if (key.startsWith("relay.")) {
        if (RelayKey.of(key).isEmpty()) {
          throw new ConfigException("unknown key " + key + " (from " + raw.origin(key) + "); known relay keys: "
              + Arrays.stream(RelayKey.values()).map(RelayKey::key).collect(Collectors.joining(", ")));
        }
      } else if (key.startsWith("plugins.")) {
        String rest = key.substring("plugins.".length());
        int dot = rest.indexOf('.');
        if (dot <= 0 || dot == rest.length() - 1 || !PLUGIN_ID.matcher(rest.substring(0, dot)).matches()) {
          throw new ConfigException("bad key " + key + " (from " + raw.origin(key)
              + "): plugin keys are written plugins.<plugin id>.<key>");
        }
      } else {
        throw new ConfigException("unknown key " + key + " (from " + raw.origin(key)
            + "): keys start with relay. or plugins.<plugin id>.");
      }
    }
  }

  /** The raw value, trimmed; the default when absent or blank. */
  private String value(RelayKey key) {
    String v = raw.values().get(key.key());
    return v == null || v.isBlank() ? key.defaultValue() : v.trim();
  }

  private ConfigException bad(RelayKey key, String accepts) {
    return new ConfigException("bad value '" + value(key) + "' for " + key.key() + " (from "
        + raw.origin(key.key()) + "): expected " + accepts);
  }

  private String text(RelayKey key) {
    return value(key);
  }

  private String host() {
    String h = value(RelayKey.HOST);
    if (h.contains("/") || h.contains(" ")) {
      throw bad(RelayKey.HOST, "a host name or IP address to listen on, for example 127.0.0.1 or 0.0.0.0");
    }
    return h;
  }

  private int integer(RelayKey key, int min, int max) {
    String accepts = "an integer from " + min + " to " + max;
    try {
      long v = Long.parseLong(value(key));
      if (v < min || v > max) {
        throw bad(key, accepts);
      }
      return (int) v;
    } catch (NumberFormatException e) {
      throw bad(key, accepts);
    }
  }

  private Path path(RelayKey key) {
    String v = value(key);
    try {
      return Path.of(v);
    } catch (RuntimeException e) {
      throw bad(key, "a file system path");
    }
  }

  private AcceptancePolicyKind policy() {
    return switch (value(RelayKey.POLICY).toLowerCase(Locale.ROOT)) {
      case "grasp" -> AcceptancePolicyKind.GRASP;
      case "open" -> AcceptancePolicyKind.OPEN;
      default -> throw bad(RelayKey.POLICY, "grasp or open");
    };
  }

  private List<String> list(RelayKey key) {
    List<String> out = new ArrayList<>();
    for (String part : value(key).split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }

  private Optional<String> url() {
    String v = value(RelayKey.URL);
    return v.isEmpty() ? Optional.empty() : Optional.of(checkUrl(RelayKey.URL, v));
  }

  private String checkUrl(RelayKey key, String url) {
    String accepts = "ws:// or wss:// URLs with a host, for example wss://relay.example.com";
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("ws") || scheme.equals("wss")) || uri.getHost() == null) {
        throw new ConfigException("bad value '" + url + "' for " + key.key() + " (from " + raw.origin(key.key())
            + "): expected " + accepts);
      }
      return url;
    } catch (URISyntaxException e) {
      throw new ConfigException("bad value '" + url + "' for " + key.key() + " (from " + raw.origin(key.key())
          + "): expected " + accepts);
    }
  }

  private List<String> pluginIds() {
    List<String> ids = list(RelayKey.PLUGINS);
    for (String id : ids) {
      if (!PLUGIN_ID.matcher(id).matches()) {
        throw bad(RelayKey.PLUGINS, "comma-separated plugin ids (lower-case letters, digits and '-')");
      }
    }
    return ids.stream().distinct().toList();
  }

  private Optional<String> secretKey() {
    String v = value(RelayKey.AUTH_SECRET_KEY).toLowerCase(Locale.ROOT);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (!HEX_SECRET.matcher(v).matches()) {
      throw new ConfigException("bad value for " + RelayKey.AUTH_SECRET_KEY.key() + " (from "
          + raw.origin(RelayKey.AUTH_SECRET_KEY.key()) + "): expected a secret key as 64 hex characters");
    }
    return Optional.of(v);
  }

  private WebSocketCompression compression() {
    boolean enabled = switch (value(RelayKey.WEBSOCKET_COMPRESSION).toLowerCase(Locale.ROOT)) {
      case "on" -> true;
      case "off" -> false;
      default -> throw bad(RelayKey.WEBSOCKET_COMPRESSION, "on or off");
    };
    return new WebSocketCompression(enabled,
        integer(RelayKey.WEBSOCKET_COMPRESSION_MIN_BYTES, 0, 64 * 1024 * 1024),
        integer(RelayKey.WEBSOCKET_COMPRESSION_LEVEL, 1, 9));
  }

  private Map<String, Map<String, String>> pluginProperties() {
    Map<String, Map<String, String>> byPlugin = new TreeMap<>();
    raw.values().forEach((key, v) -> {
      if (key.startsWith("plugins.")) {
        String rest = key.substring("plugins.".length());
        int dot = rest.indexOf('.');
        byPlugin.computeIfAbsent(rest.substring(0, dot), id -> new TreeMap<>()).put(rest.substring(dot + 1), v);
      }
    });
    Map<String, Map<String, String>> frozen = new TreeMap<>();
    byPlugin.forEach((id, props) -> frozen.put(id, Map.copyOf(props)));
    return frozen;
  }
}
