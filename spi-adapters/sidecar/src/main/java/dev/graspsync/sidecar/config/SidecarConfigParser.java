package dev.graspsync.sidecar.config;

import dev.graspsync.spi.hosting.ConfigReader;
import dev.graspsync.spi.hosting.HostConfigException;
import dev.graspsync.spi.hosting.RawConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns merged settings into a {@link SidecarConfig}. Pure; every failure is a {@link
 * HostConfigException} naming the key, the bad value, where it came from and what is accepted.
 */
public final class SidecarConfigParser {
  private final ConfigReader read;

  private SidecarConfigParser(RawConfig raw) {
    this.read = new ConfigReader(raw, HostConfigException::new);
  }

  public static SidecarConfig parse(RawConfig raw) {
    return new SidecarConfigParser(raw).parse();
  }

  public static SidecarConfig parse(Map<String, String> values) {
    return parse(RawConfig.of(values));
  }

  private SidecarConfig parse() {
    read.rejectUnknownKeys(CommandLine.SIDECAR_KEYS);
    String relayUrl = value(SidecarKey.RELAY_URL);
    if (relayUrl.isEmpty()) {
      throw new HostConfigException(SidecarKey.RELAY_URL.key()
          + " is required: the WebSocket URL of the relay this sidecar syncs into, for example ws://127.0.0.1:7777");
    }
    read.wsUrl(SidecarKey.RELAY_URL, relayUrl);
    List<String> publicUrls = read.list(SidecarKey.RELAY_PUBLIC_URLS);
    publicUrls.forEach(u -> read.wsUrl(SidecarKey.RELAY_PUBLIC_URLS, u));
    return new SidecarConfig(
        relayUrl,
        publicUrls.isEmpty() ? List.of(relayUrl) : publicUrls,
        read.path(SidecarKey.DATA_DIR),
        read.listenHost(SidecarKey.HTTP_HOST, "127.0.0.1"),
        integer(SidecarKey.HTTP_PORT, 0, 65535),
        // the value is a secret: never echo it
        read.secretKey(SidecarKey.AUTH_SECRET_KEY, (key, accepts) -> read.bad(key, "(hidden)", accepts)),
        read.pluginIds(SidecarKey.PLUGINS, badId -> badId),
        read.path(SidecarKey.PLUGINS_DIR),
        kinds(),
        read.seconds(SidecarKey.LIVE_OVERLAP_SECONDS, 0, 86_400),
        integer(SidecarKey.PAGE_SIZE, 1, 100_000),
        integer(SidecarKey.IDS_PER_REQ, 1, 10_000),
        integer(SidecarKey.MAX_EVENTS_IN_FLIGHT, 1, 100_000),
        integer(SidecarKey.MAX_OPEN_REQS, 1, 1000),
        read.seconds(SidecarKey.REQUEST_TIMEOUT_SECONDS, 1, 3600),
        read.seconds(SidecarKey.RECONNECT_MAX_SECONDS, 1, 3600),
        read.seconds(SidecarKey.SHUTDOWN_GRACE_SECONDS, 0, 3600),
        read.pluginProperties());
  }

  private String value(SidecarKey key) {
    return read.value(key);
  }

  private int integer(SidecarKey key, int min, int max) {
    return read.integer(key, min, max);
  }

  private List<Integer> kinds() {
    List<Integer> kinds = new ArrayList<>();
    for (String k : read.list(SidecarKey.LIVE_KINDS)) {
      try {
        int kind = Integer.parseInt(k);
        if (kind < 0 || kind > 65535) {
          throw read.bad(SidecarKey.LIVE_KINDS, k, "comma-separated event kinds from 0 to 65535");
        }
        kinds.add(kind);
      } catch (NumberFormatException e) {
        throw read.bad(SidecarKey.LIVE_KINDS, k, "comma-separated event kinds from 0 to 65535");
      }
    }
    if (kinds.isEmpty()) {
      throw read.bad(SidecarKey.LIVE_KINDS, "", "at least one event kind");
    }
    return kinds;
  }
}
