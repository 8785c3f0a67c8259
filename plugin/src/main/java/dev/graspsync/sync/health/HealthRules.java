package dev.graspsync.sync.health;

import java.time.Duration;

/**
 * The timings of {@link RelayHealth}.
 *
 * @param baseBackoff first retry delay ({@code base-backoff-seconds}, 5 s)
 * @param maxBackoff longest retry delay ({@code max-backoff-seconds}, 1 h)
 * @param deadAfter continuous failure before Dead ({@code dead-after-hours}, 24 h)
 * @param deadRetryInterval how often a Dead relay is tried (a day)
 * @param rateLimitCooldown pause after a rate limit ({@code rate-limit-cooldown-seconds}, 65 s)
 * @param stableAfter how long a connection must last to count as a success (60 s): a relay
 *     that accepts and drops us at once keeps backing off instead of being redialled every
 *     few seconds forever
 */
public record HealthRules(
    Duration baseBackoff,
    Duration maxBackoff,
    Duration deadAfter,
    Duration deadRetryInterval,
    Duration rateLimitCooldown,
    Duration stableAfter) {

  public static final Duration ONE_DAY = Duration.ofHours(24);

  public static HealthRules defaults() {
    return new HealthRules(
        Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(24), ONE_DAY, Duration.ofSeconds(65), Duration.ofSeconds(60));
  }

  public Duration backoff(int failures) {
    return Backoff.delay(failures, baseBackoff, maxBackoff);
  }
}
