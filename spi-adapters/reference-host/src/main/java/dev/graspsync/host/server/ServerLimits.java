package dev.graspsync.host.server;

import dev.graspsync.host.config.RelayConfig;

/** The per-connection limits the server enforces (and NIP-11 advertises). */
public record ServerLimits(
    int maxMessageBytes,
    int maxSubscriptions,
    int maxFilters,
    int maxSubscriptionIdLength,
    int eventsPerSecond,
    int eventsBurst,
    int maxClientBacklogBytes) {

  public static ServerLimits of(RelayConfig config) {
    return new ServerLimits(
        config.maxMessageBytes(),
        config.maxSubscriptions(),
        config.maxFilters(),
        RelayConfig.MAX_SUBSCRIPTION_ID_LENGTH,
        config.eventsPerSecond(),
        config.eventsBurst(),
        config.maxClientBacklogBytes());
  }

  /**
   * What the WebSocket layer itself accepts before it closes a connection (1009): well above
   * {@link #maxMessageBytes}, so a merely oversize message is answered with a NOTICE and the
   * connection survives, while a flood is cut off before it fills memory.
   */
  public int hardMessageBytes() {
    long hard = (long) maxMessageBytes * 4 + 64 * 1024;
    return (int) Math.min(hard, Integer.MAX_VALUE / 2);
  }
}
