package dev.graspsync.host.config;

import dev.graspsync.engine.AcceptancePolicyKind;
import dev.graspsync.spi.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The relay's typed settings, every value checked. Built by {@link RelayConfigParser}; see
 * docs/configuration.md for what each one means.
 *
 * @param url the public URL when configured; absent means {@code ws://host:port} with the
 *     port actually bound
 * @param verifyThreads threads for signature checks; 0 means one per core
 * @param pluginProperties per plugin id, its {@code plugins.<id>.*} keys with the prefix removed
 * @param negentropy how NIP-77 reconciliations are served and bounded
 * @param compression how clients that offer permessage-deflate are answered
 * @param maxClientBacklogBytes bytes written to one client and not yet taken, past which its
 *     live subscription is closed
 */
public record RelayConfig(
    String host,
    int port,
    Optional<String> url,
    List<String> urlAliases,
    String name,
    String description,
    Path dataDir,
    AcceptancePolicyKind policy,
    int maxLimit,
    int maxMessageBytes,
    int maxSubscriptions,
    int maxFilters,
    int maxEventTags,
    int eventsPerSecond,
    int eventsBurst,
    Path pluginsDir,
    List<String> plugins,
    Optional<String> authSecretKey,
    int verifyThreads,
    Duration shutdownGrace,
    Map<String, Map<String, String>> pluginProperties,
    NegentropySettings negentropy,
    WebSocketCompression compression,
    int maxClientBacklogBytes) {

  public RelayConfig {
    urlAliases = List.copyOf(urlAliases);
    plugins = List.copyOf(plugins);
    pluginProperties = Map.copyOf(pluginProperties);
  }

  /** Longest subscription id accepted (NIP-11 max_subid_length). */
  public static final int MAX_SUBSCRIPTION_ID_LENGTH = 64;

  /** This relay's primary public URL once its port is known. */
  public String publicUrl(int boundPort) {
    return url.orElse("ws://" + host + ":" + boundPort);
  }

  /** The primary URL then the aliases: every URL this relay answers to. */
  public List<String> ownUrls(int boundPort) {
    List<String> urls = new java.util.ArrayList<>();
    urls.add(publicUrl(boundPort));
    urlAliases.stream().filter(u -> !urls.contains(u)).forEach(urls::add);
    return List.copyOf(urls);
  }

  public PluginConfig pluginConfig(String pluginId) {
    return new PluginConfig("plugins." + pluginId + ".", pluginProperties.getOrDefault(pluginId, Map.of()));
  }

  public int effectiveVerifyThreads() {
    return verifyThreads > 0 ? verifyThreads : Runtime.getRuntime().availableProcessors();
  }

  /** A copy listening on another port (tests and benchmarks use port 0). */
  public RelayConfig withPort(int newPort) {
    return new RelayConfig(host, newPort, url, urlAliases, name, description, dataDir, policy, maxLimit,
        maxMessageBytes, maxSubscriptions, maxFilters, maxEventTags, eventsPerSecond, eventsBurst, pluginsDir,
        plugins, authSecretKey, verifyThreads, shutdownGrace, pluginProperties, negentropy, compression, maxClientBacklogBytes);
  }
}
