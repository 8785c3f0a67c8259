package dev.graspsync.sync.config;

/**
 * Every property of the plugin ({@code plugins.grasp-sync.<key>}) with its default and range.
 * Numeric defaults are given as numbers; {@code bootstrap-relays} (a list, default empty) and
 * {@code allow-private-addresses} (a boolean, default false) and {@code trusted-certificates-file}
 * (a path, default none) carry 0 there.
 */
public enum SyncProperty {
  BOOTSTRAP_RELAYS("bootstrap-relays", 0, 0, 0,
      "comma-separated ws(s) URLs always connected and given L1; trusted (not subject to the address policy)"),
  BATCH_WINDOW_MS("batch-window-ms", 1000, 0, 600_000,
      "changes are gathered this long from the first one before planning"),
  FILTER_CHUNK_SIZE("filter-chunk-size", 100, 1, 10_000, "values per filter"),
  CONSOLIDATION_THRESHOLD("consolidation-threshold", 70, 1, 100_000,
      "subscriptions on one relay past which confirmed items are consolidated"),
  MAX_FILTERS_PER_SUBSCRIPTION("max-filters-per-subscription", 20, 1, 10_000,
      "filters one live REQ carries when the relay's NIP-11 does not advertise max_filters"),
  RATE_LIMIT_COOLDOWN_SECONDS("rate-limit-cooldown-seconds", 65, 1, 86_400,
      "pause after CLOSED rate-limited: or a rate-limit NOTICE"),
  EOSE_TIMEOUT_SECONDS("eose-timeout-seconds", 60, 1, 86_400,
      "silence after which a batch without EOSE is retried"),
  BATCH_MAX_ATTEMPTS("batch-max-attempts", 5, 1, 1000,
      "attempts (timeouts and rate limits) before a batch fails until the next daily resync"),
  QUICK_RECONNECT_WINDOW_SECONDS("quick-reconnect-window-seconds", 900, 0, 86_400 * 30L,
      "a reconnect this soon after the disconnect catches up instead of a full sync"),
  CATCH_UP_OVERLAP_SECONDS("catch-up-overlap-seconds", 900, 0, 86_400,
      "how far before the last known live moment a catch-up starts"),
  BASE_BACKOFF_SECONDS("base-backoff-seconds", 5, 1, 86_400, "first reconnection delay"),
  MAX_BACKOFF_SECONDS("max-backoff-seconds", 3600, 1, 86_400 * 7L, "longest reconnection delay"),
  DEAD_AFTER_HOURS("dead-after-hours", 24, 1, 24 * 365L,
      "continuous failure after which a relay is Dead and tried once a day"),
  CONNECT_TIMEOUT_SECONDS("connect-timeout-seconds", 10, 1, 600, "WebSocket connection and handshake timeout"),
  STARTUP_JITTER_MS("startup-jitter-ms", 3000, 0, 600_000, "random delay before each relay's first connection"),
  MAX_RELAYS("max-relays", 1000, 1, 100_000, "relays dialled at most; the rest are counted"),
  MAX_RELAYS_PER_REPO("max-relays-per-repo", 20, 1, 1000, "relays taken from one announcement at most"),
  ALLOW_PRIVATE_ADDRESSES("allow-private-addresses", 0, 0, 0,
      "dial relays on loopback, private, link-local addresses (tests, private networks)"),
  MAX_MESSAGE_BYTES("max-message-bytes", 524_288, 1024, 64L * 1024 * 1024,
      "larger incoming messages are dropped and counted"),
  MAX_EVENTS_IN_FLIGHT("max-events-in-flight", 4096, 16, 1_000_000,
      "events received from all relays together and not yet stored; reading pauses past it"),
  MAX_RELAYS_SYNCING_HISTORY("max-relays-syncing-history", 16, 1, 100_000,
      "relays syncing history (first sync, full syncs, periodic reconciliation) at once; the rest wait their turn"),
  MAX_HISTORY_PAGES("max-history-pages", 10_000, 1, 10_000_000, "older pages asked per filter at most"),
  TRUSTED_CERTIFICATES_FILE("trusted-certificates-file", 0, 0, 0,
      "PEM file of CA certificates trusted for wss:// relays besides the JVM's (private CAs); verification stays on"),
  RECONCILE_INTERVAL_MINUTES("reconcile-interval-minutes", 60, 0, 7L * 24 * 60,
      "every connected NIP-77 relay is reconciled this often (0: never); live sync's gaps are fetched"),
  REFUSED_MEMORY_HOURS("refused-memory-hours", 168, 0, 24 * 365L,
      "how long refused announcements and states are remembered and skipped; 0 remembers nothing"),
  REFUSED_MEMORY_MAX_IDS("refused-memory-max-ids", 100_000, 0, 10_000_000,
      "refused event ids remembered at most; the oldest go first");

  private final String key;
  private final long defaultValue;
  private final long min;
  private final long max;
  private final String meaning;

  SyncProperty(String key, long defaultValue, long min, long max, String meaning) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.meaning = meaning;
  }

  /** The key under {@code plugins.grasp-sync.}. */
  public String key() {
    return key;
  }

  public long defaultValue() {
    return defaultValue;
  }

  public long min() {
    return min;
  }

  public long max() {
    return max;
  }

  public String meaning() {
    return meaning;
  }
}
