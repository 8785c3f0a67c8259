package dev.graspsync.sync.config;

import dev.graspsync.spi.PluginConfig;
import dev.graspsync.spi.PluginConfigException;
import dev.graspsync.sync.batch.BatchRules;
import dev.graspsync.sync.dial.TrustedCertificates;
import dev.graspsync.sync.health.HealthRules;
import dev.graspsync.sync.index.IndexRules;
import dev.graspsync.sync.relay.AddressPolicy;
import dev.graspsync.sync.relay.RelayUrl;
import io.vertx.core.net.TrustOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plugin's properties ({@code plugins.grasp-sync.<key>}), parsed once at start-up. A bad
 * value or an unknown key throws {@link PluginConfigException} naming the full key, which
 * stops start-up. Every property, its default and range is in {@link SyncProperty} and in
 * docs/sync.md.
 */
public record SyncConfig(
    List<RelayUrl> bootstrapRelays,
    Duration batchWindow,
    int filterChunkSize,
    int consolidationThreshold,
    int maxFiltersPerSubscription,
    Duration rateLimitCooldown,
    Duration eoseTimeout,
    int batchMaxAttempts,
    Duration quickReconnectWindow,
    Duration catchUpOverlap,
    Duration baseBackoff,
    Duration maxBackoff,
    Duration deadAfter,
    Duration connectTimeout,
    Duration startupJitter,
    int maxRelays,
    int maxRelaysPerRepo,
    boolean allowPrivateAddresses,
    int maxMessageBytes,
    int maxEventsInFlight,
    int maxHistoryPages,
    Optional<Path> trustedCertificatesFile,
    Duration reconcileInterval,
    Duration refusedMemory,
    int refusedMemoryMaxIds,
    int maxRelaysSyncingHistory) {

  public SyncConfig {
    bootstrapRelays = List.copyOf(bootstrapRelays);
  }

  /** Every default. */
  public static SyncConfig defaults() {
    return from(PluginConfig.empty("grasp-sync"));
  }

  public static SyncConfig from(PluginConfig config) {
    rejectUnknownKeys(config);
    SyncConfig c = new SyncConfig(
        bootstrap(config),
        Duration.ofMillis(longOf(config, SyncProperty.BATCH_WINDOW_MS)),
        intOf(config, SyncProperty.FILTER_CHUNK_SIZE),
        intOf(config, SyncProperty.CONSOLIDATION_THRESHOLD),
        intOf(config, SyncProperty.MAX_FILTERS_PER_SUBSCRIPTION),
        seconds(config, SyncProperty.RATE_LIMIT_COOLDOWN_SECONDS),
        seconds(config, SyncProperty.EOSE_TIMEOUT_SECONDS),
        intOf(config, SyncProperty.BATCH_MAX_ATTEMPTS),
        seconds(config, SyncProperty.QUICK_RECONNECT_WINDOW_SECONDS),
        seconds(config, SyncProperty.CATCH_UP_OVERLAP_SECONDS),
        seconds(config, SyncProperty.BASE_BACKOFF_SECONDS),
        seconds(config, SyncProperty.MAX_BACKOFF_SECONDS),
        Duration.ofHours(longOf(config, SyncProperty.DEAD_AFTER_HOURS)),
        seconds(config, SyncProperty.CONNECT_TIMEOUT_SECONDS),
        Duration.ofMillis(longOf(config, SyncProperty.STARTUP_JITTER_MS)),
        intOf(config, SyncProperty.MAX_RELAYS),
        intOf(config, SyncProperty.MAX_RELAYS_PER_REPO),
        config.getBoolean(SyncProperty.ALLOW_PRIVATE_ADDRESSES.key(), false),
        intOf(config, SyncProperty.MAX_MESSAGE_BYTES),
        intOf(config, SyncProperty.MAX_EVENTS_IN_FLIGHT),
        intOf(config, SyncProperty.MAX_HISTORY_PAGES),
        trustedCertificates(config),
        Duration.ofMinutes(longOf(config, SyncProperty.RECONCILE_INTERVAL_MINUTES)),
        Duration.ofHours(longOf(config, SyncProperty.REFUSED_MEMORY_HOURS)),
        intOf(config, SyncProperty.REFUSED_MEMORY_MAX_IDS),
        intOf(config, SyncProperty.MAX_RELAYS_SYNCING_HISTORY));
    if (c.maxBackoff.compareTo(c.baseBackoff) < 0) {
      throw new PluginConfigException(config.fullKey(SyncProperty.MAX_BACKOFF_SECONDS.key())
          + " (" + c.maxBackoff.toSeconds() + ") must not be less than "
          + config.fullKey(SyncProperty.BASE_BACKOFF_SECONDS.key()) + " (" + c.baseBackoff.toSeconds() + ")");
    }
    if (c.bootstrapRelays.size() > c.maxRelays) {
      throw new PluginConfigException(config.fullKey(SyncProperty.BOOTSTRAP_RELAYS.key()) + " lists "
          + c.bootstrapRelays.size() + " relays, more than " + config.fullKey(SyncProperty.MAX_RELAYS.key())
          + " (" + c.maxRelays + ")");
    }
    return c;
  }

  public AddressPolicy addressPolicy() {
    return new AddressPolicy(allowPrivateAddresses);
  }

  public BatchRules batchRules() {
    return new BatchRules(rateLimitCooldown, eoseTimeout, batchMaxAttempts, baseBackoff, maxBackoff);
  }

  public HealthRules healthRules() {
    HealthRules d = HealthRules.defaults();
    return new HealthRules(baseBackoff, maxBackoff, deadAfter, d.deadRetryInterval(), rateLimitCooldown, d.stableAfter());
  }

  /** Index rules with the host's own URLs (from its identity) excluded. */
  public IndexRules indexRules(Collection<String> hostUrls) {
    return new IndexRules(IndexRules.ownUrlsFrom(hostUrls), maxRelaysPerRepo, addressPolicy());
  }

  private static void rejectUnknownKeys(PluginConfig config) {
    Set<String> known = new TreeSet<>();
    for (SyncProperty p : SyncProperty.values()) {
      known.add(p.key());
    }
    for (String key : config.asMap().keySet()) {
      if (!known.contains(key)) {
        throw new PluginConfigException("unknown property " + config.fullKey(key) + "; known: "
            + String.join(", ", known));
      }
    }
  }

  /** Read here once so that an unreadable file stops start-up naming the key. */
  private static Optional<Path> trustedCertificates(PluginConfig config) {
    String key = SyncProperty.TRUSTED_CERTIFICATES_FILE.key();
    Optional<String> value = config.get(key).map(String::trim).filter(v -> !v.isEmpty());
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      Path file = Path.of(value.get());
      TrustedCertificates.withDefaultsAnd(file);
      return Optional.of(file);
    } catch (IllegalArgumentException e) {
      throw config.bad(key, value.get(), "a readable PEM file of X.509 certificates (" + e.getMessage() + ")");
    }
  }

  /** The authorities wss:// relays may chain to: the JVM's, plus {@code trusted-certificates-file}'s. */
  public Optional<TrustOptions> trustOptions() {
    return trustedCertificatesFile.map(TrustedCertificates::withDefaultsAnd);
  }

  private static List<RelayUrl> bootstrap(PluginConfig config) {
    String key = SyncProperty.BOOTSTRAP_RELAYS.key();
    Set<RelayUrl> out = new LinkedHashSet<>();
    for (String value : config.getList(key)) {
      RelayUrl.Result r = RelayUrl.parse(value);
      if (r instanceof RelayUrl.Result.Refused no) {
        throw config.bad(key, value, "comma-separated ws:// or wss:// URLs (" + no.reason().description() + ")");
      }
      out.add(r.url().orElseThrow());
    }
    return new ArrayList<>(out);
  }

  private static long longOf(PluginConfig config, SyncProperty p) {
    return config.getLong(p.key(), p.defaultValue(), p.min(), p.max());
  }

  private static int intOf(PluginConfig config, SyncProperty p) {
    return config.getInt(p.key(), (int) p.defaultValue(), (int) p.min(), (int) p.max());
  }

  private static Duration seconds(PluginConfig config, SyncProperty p) {
    return config.getSeconds(p.key(), p.defaultValue(), p.min(), p.max());
  }
}
