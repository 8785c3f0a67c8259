package dev.graspsync.sidecar.config;

import dev.graspsync.spi.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sidecar's typed settings, every value checked. Built by {@link SidecarConfigParser}; see
 * docs/sidecar.md for what each one means.
 *
 * @param relayUrl the operator's relay, where events are read and written
 * @param publicUrls the URLs the world knows that relay by (never {@code relayUrl}'s own
 *     loopback spelling unless the operator says so); the first is the primary one
 * @param pluginProperties per plugin id, its {@code plugins.<id>.*} keys with the prefix removed
 */
public record SidecarConfig(
    String relayUrl,
    List<String> publicUrls,
    Path dataDir,
    String httpHost,
    int httpPort,
    Optional<String> authSecretKey,
    List<String> plugins,
    Path pluginsDir,
    List<Integer> liveKinds,
    Duration liveOverlap,
    int pageSize,
    int idsPerReq,
    int maxEventsInFlight,
    int maxOpenReqs,
    Duration requestTimeout,
    Duration reconnectMax,
    Duration shutdownGrace,
    Map<String, Map<String, String>> pluginProperties) {

  public SidecarConfig {
    publicUrls = List.copyOf(publicUrls);
    plugins = List.copyOf(plugins);
    liveKinds = List.copyOf(liveKinds);
    pluginProperties = Map.copyOf(pluginProperties);
  }

  public PluginConfig pluginConfig(String pluginId) {
    return new PluginConfig("plugins." + pluginId + ".", pluginProperties.getOrDefault(pluginId, Map.of()));
  }

  /** A copy whose HTTP port is another (tests use 0). */
  public SidecarConfig withHttpPort(int port) {
    return new SidecarConfig(relayUrl, publicUrls, dataDir, httpHost, port, authSecretKey, plugins, pluginsDir,
        liveKinds, liveOverlap, pageSize, idsPerReq, maxEventsInFlight, maxOpenReqs, requestTimeout, reconnectMax,
        shutdownGrace, pluginProperties);
  }
}
