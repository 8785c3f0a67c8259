package dev.graspsync.sidecar.config;

import dev.graspsync.spi.hosting.HostConfigException;
import dev.graspsync.spi.hosting.RawConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns merged settings into a {@link SidecarConfig}. Pure; every failure is a {@link
 * HostConfigException} naming the key, the bad value, where it came from and what is accepted.
 */
public final class SidecarConfigParser {
  private static final Pattern PLUGIN_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern HEX_SECRET = Pattern.compile("[0-9a-f]{64}");
  private static final String WS_URLS = "ws:// or wss:// URLs with a host, for example wss://relay.example.com";

  private final RawConfig raw;

  private SidecarConfigParser(RawConfig raw) {
    this.raw = raw;
  }

  public static SidecarConfig parse(RawConfig raw) {
    return new SidecarConfigParser(raw).parse();
  }

  public static SidecarConfig parse(Map<String, String> values) {
    return parse(RawConfig.of(values));
  }

  private SidecarConfig parse() {
    rejectUnknownKeys();
    String relayUrl = value(SidecarKey.RELAY_URL);
    if (relayUrl.isEmpty()) {
      throw new HostConfigException(SidecarKey.RELAY_URL.key()
          + " is required: the WebSocket URL of the relay this sidecar syncs into, for example ws://127.0.0.1:7777");
    }
    checkUrl(SidecarKey.RELAY_URL, relayUrl);
    List<String> publicUrls = list(SidecarKey.RELAY_PUBLIC_URLS);
    publicUrls.forEach(u -> checkUrl(SidecarKey.RELAY_PUBLIC_URLS, u));
    return new SidecarConfig(
        relayUrl,
        publicUrls.isEmpty() ? List.of(relayUrl) : publicUrls,
        path(SidecarKey.DATA_DIR),
        host(),
        integer(SidecarKey.HTTP_PORT, 0, 65535),
        secretKey(),
        pluginIds(),
        path(SidecarKey.PLUGINS_DIR),
        kinds(),
        Duration.ofSeconds(integer(SidecarKey.LIVE_OVERLAP_SECONDS, 0, 86_400)),
        integer(SidecarKey.PAGE_SIZE, 1, 100_000),
        integer(SidecarKey.IDS_PER_REQ, 1, 10_000),
        integer(SidecarKey.MAX_EVENTS_IN_FLIGHT, 1, 100_000),
        integer(SidecarKey.MAX_OPEN_REQS, 1, 1000),
        Duration.ofSeconds(integer(SidecarKey.REQUEST_TIMEOUT_SECONDS, 1, 3600)),
        Duration.ofSeconds(integer(SidecarKey.RECONNECT_MAX_SECONDS, 1, 3600)),
        Duration.ofSeconds(integer(SidecarKey.SHUTDOWN_GRACE_SECONDS, 0, 3600)),
        pluginProperties());
  }

  private void rejectUnknownKeys() {
    for (String key : raw.values().keySet()) {
      if (key.startsWith("sidecar.")) {
        if (SidecarKey.of(key).isEmpty()) {
          throw new HostConfigException("unknown key " + key + " (from " + raw.origin(key) + "); known sidecar keys: "
              + String.join(", ", SidecarKey.keys()));
        }
      } else if (key.startsWith("plugins.")) {
        String rest = key.substring("plugins.".length());
        int dot = rest.indexOf('.');
        if (dot <= 0 || dot == rest.length() - 1 || !PLUGIN_ID.matcher(rest.substring(0, dot)).matches()) {
          throw new HostConfigException("bad key " + key + " (from " + raw.origin(key)
              + "): plugin keys are written plugins.<plugin id>.<key>");
        }
      } else {
        throw new HostConfigException("unknown key " + key + " (from " + raw.origin(key)
            + "): keys start with sidecar. or plugins.<plugin id>.");
      }
    }
  }

  private String value(SidecarKey key) {
    String v = raw.values().get(key.key());
    return v == null || v.isBlank() ? key.defaultValue() : v.trim();
  }

  private HostConfigException bad(SidecarKey key, String shown, String accepts) {
    return new HostConfigException("bad value '" + shown + "' for " + key.key() + " (from "
        + raw.origin(key.key()) + "): expected " + accepts);
  }

  private int integer(SidecarKey key, int min, int max) {
    String accepts = "an integer from " + min + " to " + max;
    try {
      long v = Long.parseLong(value(key));
      if (v < min || v > max) {
        throw bad(key, value(key), accepts);
      }
      return (int) v;
    } catch (NumberFormatException e) {
      throw bad(key, value(key), accepts);
    }
  }

  private Path path(SidecarKey key) {
    try {
      return Path.of(value(key));
    } catch (RuntimeException e) {
      throw bad(key, value(key), "a file system path");
    }
  }

  private String host() {
    String h = value(SidecarKey.HTTP_HOST);
    if (h.contains("/") || h.contains(" ")) {
      throw bad(SidecarKey.HTTP_HOST, h, "a host name or IP address to listen on, for example 127.0.0.1");
    }
    return h;
  }

  private List<String> list(SidecarKey key) {
    List<String> out = new ArrayList<>();
    for (String part : value(key).split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }

  private void checkUrl(SidecarKey key, String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("ws") || scheme.equals("wss")) || uri.getHost() == null) {
        throw bad(key, url, WS_URLS);
      }
    } catch (URISyntaxException e) {
      throw bad(key, url, WS_URLS);
    }
  }

  private List<Integer> kinds() {
    List<Integer> kinds = new ArrayList<>();
    for (String k : list(SidecarKey.LIVE_KINDS)) {
      try {
        int kind = Integer.parseInt(k);
        if (kind < 0 || kind > 65535) {
          throw bad(SidecarKey.LIVE_KINDS, k, "comma-separated event kinds from 0 to 65535");
        }
        kinds.add(kind);
      } catch (NumberFormatException e) {
        throw bad(SidecarKey.LIVE_KINDS, k, "comma-separated event kinds from 0 to 65535");
      }
    }
    if (kinds.isEmpty()) {
      throw bad(SidecarKey.LIVE_KINDS, "", "at least one event kind");
    }
    return kinds;
  }

  private List<String> pluginIds() {
    List<String> ids = list(SidecarKey.PLUGINS);
    for (String id : ids) {
      if (!PLUGIN_ID.matcher(id).matches()) {
        throw bad(SidecarKey.PLUGINS, id, "comma-separated plugin ids (lower-case letters, digits and '-')");
      }
    }
    return ids.stream().distinct().toList();
  }

  private Optional<String> secretKey() {
    String v = value(SidecarKey.AUTH_SECRET_KEY).toLowerCase(Locale.ROOT);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (!HEX_SECRET.matcher(v).matches()) {
      // the value is a secret: never echo it
      throw bad(SidecarKey.AUTH_SECRET_KEY, "(hidden)", "a secret key as 64 hex characters");
    }
    return Optional.of(v);
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
