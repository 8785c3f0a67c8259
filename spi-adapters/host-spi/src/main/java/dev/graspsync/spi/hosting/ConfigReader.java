package dev.graspsync.spi.hosting;

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
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The typed reading both hosts' parsers share: each reader turns one key of merged settings into
 * a value, or fails with "bad value 'V' for KEY (from ORIGIN): expected WHAT", as the host's own
 * {@link HostConfigException} (made by the factory it hands in). Pure.
 */
public final class ConfigReader {
  private static final Pattern PLUGIN_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern HEX_SECRET = Pattern.compile("[0-9a-f]{64}");
  private static final String PLUGINS = "plugins.";
  private static final String WS_URLS = "ws:// or wss:// URLs with a host, for example wss://relay.example.com";
  private static final String PLUGIN_IDS = "comma-separated plugin ids (lower-case letters, digits and '-')";
  private static final String SECRET_KEY = "a secret key as 64 hex characters";

  private final RawConfig raw;
  private final Function<String, ? extends HostConfigException> error;

  public ConfigReader(RawConfig raw, Function<String, ? extends HostConfigException> error) {
    this.raw = raw;
    this.error = error;
  }

  public RawConfig raw() {
    return raw;
  }

  /** A failure with this message, as the host's exception. */
  public HostConfigException error(String message) {
    return error.apply(message);
  }

  /** The raw value, trimmed; the default when absent or blank. */
  public String value(ConfigKey key) {
    String v = raw.values().get(key.key());
    return v == null || v.isBlank() ? key.defaultValue() : v.trim();
  }

  /** Names the key's value, where it came from and what is accepted. */
  public HostConfigException bad(ConfigKey key, String accepts) {
    return bad(key, value(key), accepts);
  }

  /** As {@link #bad(ConfigKey, String)}, showing {@code shown} (one item of a list, say) as the value. */
  public HostConfigException bad(ConfigKey key, String shown, String accepts) {
    return error("bad value '" + shown + "' for " + key.key() + " (from " + raw.origin(key.key())
        + "): expected " + accepts);
  }

  /** As {@link #bad(ConfigKey, String)} without the value, for one that must not be echoed. */
  public HostConfigException badUnshown(ConfigKey key, String accepts) {
    return error("bad value for " + key.key() + " (from " + raw.origin(key.key()) + "): expected " + accepts);
  }

  public int integer(ConfigKey key, int min, int max) {
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

  /** A whole number of seconds from {@code min} to {@code max}. */
  public Duration seconds(ConfigKey key, int min, int max) {
    return Duration.ofSeconds(integer(key, min, max));
  }

  public boolean onOff(ConfigKey key) {
    return switch (value(key).toLowerCase(Locale.ROOT)) {
      case "on" -> true;
      case "off" -> false;
      default -> throw bad(key, "on or off");
    };
  }

  public Path path(ConfigKey key) {
    try {
      return Path.of(value(key));
    } catch (RuntimeException e) {
      throw bad(key, "a file system path");
    }
  }

  /** A host name or address to listen on (no path, no spaces); {@code example} ends the message. */
  public String listenHost(ConfigKey key, String example) {
    String h = value(key);
    if (h.contains("/") || h.contains(" ")) {
      throw bad(key, "a host name or IP address to listen on, for example " + example);
    }
    return h;
  }

  /** The comma-separated items, trimmed, blanks dropped. */
  public List<String> list(ConfigKey key) {
    List<String> out = new ArrayList<>();
    for (String part : value(key).split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }

  /** {@code url} (one value of {@code key}) when it is a ws:// or wss:// URL with a host. */
  public String wsUrl(ConfigKey key, String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("ws") || scheme.equals("wss")) || uri.getHost() == null) {
        throw bad(key, url, WS_URLS);
      }
      return url;
    } catch (URISyntaxException e) {
      throw bad(key, url, WS_URLS);
    }
  }

  /**
   * The distinct plugin ids listed; a malformed id fails showing {@code shownForBadId} of it
   * (the id itself, or the whole value).
   */
  public List<String> pluginIds(ConfigKey key, UnaryOperator<String> shownForBadId) {
    List<String> ids = list(key);
    for (String id : ids) {
      if (!PLUGIN_ID.matcher(id).matches()) {
        throw bad(key, shownForBadId.apply(id), PLUGIN_IDS);
      }
    }
    return ids.stream().distinct().toList();
  }

  /**
   * A secret key of 64 hex characters, lower-cased; empty when unset. A malformed one fails with
   * what {@code malformed} makes of the key and what is accepted, since the value must not be shown.
   */
  public Optional<String> secretKey(ConfigKey key, BiFunction<ConfigKey, String, HostConfigException> malformed) {
    String v = value(key).toLowerCase(Locale.ROOT);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (!HEX_SECRET.matcher(v).matches()) {
      throw malformed.apply(key, SECRET_KEY);
    }
    return Optional.of(v);
  }

  /**
   * Fails on a key that is neither one of the host's nor written plugins.&lt;plugin id&gt;.&lt;key&gt;:
   * a typo stops start-up.
   */
  public void rejectUnknownKeys(HostKeys host) {
    String word = host.prefix().substring(0, host.prefix().length() - 1);
    for (String key : raw.values().keySet()) {
      if (key.startsWith(host.prefix())) {
        if (!host.known().contains(key)) {
          throw error("unknown key " + key + " (from " + raw.origin(key) + "); known " + word + " keys: "
              + String.join(", ", host.known()));
        }
      } else if (key.startsWith(PLUGINS)) {
        checkPluginKey(key);
      } else {
        throw error("unknown key " + key + " (from " + raw.origin(key) + "): keys start with " + host.prefix()
            + " or plugins.<plugin id>.");
      }
    }
  }

  private void checkPluginKey(String key) {
    String rest = key.substring(PLUGINS.length());
    int dot = rest.indexOf('.');
    if (dot <= 0 || dot == rest.length() - 1 || !PLUGIN_ID.matcher(rest.substring(0, dot)).matches()) {
      throw error("bad key " + key + " (from " + raw.origin(key) + "): plugin keys are written plugins.<plugin id>.<key>");
    }
  }

  /** The plugins.&lt;id&gt;.&lt;key&gt; settings by plugin id, each key without its prefix. */
  public Map<String, Map<String, String>> pluginProperties() {
    Map<String, Map<String, String>> byPlugin = new TreeMap<>();
    raw.values().forEach((key, v) -> {
      if (key.startsWith(PLUGINS)) {
        String rest = key.substring(PLUGINS.length());
        int dot = rest.indexOf('.');
        byPlugin.computeIfAbsent(rest.substring(0, dot), id -> new TreeMap<>()).put(rest.substring(dot + 1), v);
      }
    });
    Map<String, Map<String, String>> frozen = new TreeMap<>();
    byPlugin.forEach((id, props) -> frozen.put(id, Map.copyOf(props)));
    return frozen;
  }
}
