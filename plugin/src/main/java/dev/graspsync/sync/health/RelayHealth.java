package dev.graspsync.sync.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A relay's health and when to try it next, as a value; every transition takes the current
 * time and returns a new value.
 *
 * <ul>
 *   <li>A failed connection attempt: Degraded, retried after {@code base · 2^(n−1)} (capped);
 *       after {@code deadAfter} of continuous failure: Dead, retried once a day.
 *   <li>A connection counts as a success once it has lasted {@code stableAfter} ({@link
 *       #onHeartbeat}); only then is the failure count cleared. A connection dropped sooner
 *       is one more failure.
 *   <li>A rate limit: RateLimited until the cooldown ends; no new subscriptions meanwhile,
 *       and no reconnection before it ends.
 * </ul>
 *
 * @param consecutiveFailures failed attempts (and short-lived connections) in a row
 * @param failingSince start of the current run of failures
 * @param connectedSince start of the current connection, while connected
 * @param nextAttemptAt earliest next connection attempt, when one is scheduled
 * @param rateLimitedUntil end of the current cooldown
 */
public record RelayHealth(
    Health health,
    int consecutiveFailures,
    Optional<Instant> failingSince,
    Optional<Instant> connectedSince,
    Optional<Instant> nextAttemptAt,
    Optional<Instant> rateLimitedUntil) {

  public static RelayHealth initial() {
    return new RelayHealth(Health.DISCONNECTED, 0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A connection attempt failed (refused, timed out, handshake error, address refused). */
  public RelayHealth onConnectFailure(Instant now, HealthRules rules) {
    int failures = consecutiveFailures + 1;
    Instant since = failingSince.orElse(now);
    boolean dead = !Duration.between(since, now).minus(rules.deadAfter()).isNegative();
    Instant next = now.plus(dead ? rules.deadRetryInterval() : rules.backoff(failures));
    return new RelayHealth(
        dead ? Health.DEAD : Health.DEGRADED,
        failures,
        Optional.of(since),
        Optional.empty(),
        Optional.of(later(next, rateLimitedUntil)),
        rateLimitedUntil);
  }

  /** The WebSocket opened. Failures are cleared only once the connection proves stable. */
  public RelayHealth onConnected(Instant now) {
    Health h = rateLimitedUntil.isPresent() && now.isBefore(rateLimitedUntil.get()) ? Health.RATE_LIMITED : Health.HEALTHY;
    return new RelayHealth(h, consecutiveFailures, failingSince, Optional.of(now), Optional.empty(), rateLimitedUntil);
  }

  /** Periodic tick while connected: a connection older than {@code stableAfter} clears failures. */
  public RelayHealth onHeartbeat(Instant now, HealthRules rules) {
    RelayHealth h = onCooldownElapsed(now);
    if (h.connectedSince.isPresent()
        && !Duration.between(h.connectedSince.get(), now).minus(rules.stableAfter()).isNegative()
        && (h.consecutiveFailures > 0 || h.failingSince.isPresent())) {
      return new RelayHealth(h.health, 0, Optional.empty(), h.connectedSince, h.nextAttemptAt, h.rateLimitedUntil);
    }
    return h;
  }

  /**
   * The connection closed without us asking. After a stable connection: Disconnected, try
   * again at once. After a short one: one more failure, Degraded, back off.
   */
  public RelayHealth onDropped(Instant now, HealthRules rules) {
    boolean stable = connectedSince.isPresent()
        && !Duration.between(connectedSince.get(), now).minus(rules.stableAfter()).isNegative();
    if (stable) {
      return new RelayHealth(
          Health.DISCONNECTED, 0, Optional.empty(), Optional.empty(), Optional.of(later(now, rateLimitedUntil)), rateLimitedUntil);
    }
    int failures = consecutiveFailures + 1;
    return new RelayHealth(
        Health.DEGRADED,
        failures,
        Optional.of(failingSince.orElse(now)),
        Optional.empty(),
        Optional.of(later(now.plus(rules.backoff(failures)), rateLimitedUntil)),
        rateLimitedUntil);
  }

  /** We closed the connection on purpose (relay no longer needed, shutdown): nothing scheduled. */
  public RelayHealth onIntentionalDisconnect() {
    return new RelayHealth(Health.DISCONNECTED, 0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** CLOSED {@code rate-limited:} or a rate-limit NOTICE: cool down (extending a running cooldown). */
  public RelayHealth onRateLimited(Instant now, HealthRules rules) {
    Instant until = later(now.plus(rules.rateLimitCooldown()), rateLimitedUntil);
    Health h = connectedSince.isPresent() ? Health.RATE_LIMITED : health;
    return new RelayHealth(h, consecutiveFailures, failingSince, connectedSince, nextAttemptAt, Optional.of(until));
  }

  /** Ends a cooldown whose time has come. */
  public RelayHealth onCooldownElapsed(Instant now) {
    if (rateLimitedUntil.isEmpty() || now.isBefore(rateLimitedUntil.get())) {
      return this;
    }
    Health h = health == Health.RATE_LIMITED ? Health.HEALTHY : health;
    return new RelayHealth(h, consecutiveFailures, failingSince, connectedSince, nextAttemptAt, Optional.empty());
  }

  /** The earliest moment a connection attempt may be made: now, or the scheduled time. */
  public Instant nextAttempt(Instant now) {
    return nextAttemptAt.filter(now::isBefore).orElse(now);
  }

  public boolean mayConnect(Instant now) {
    return !nextAttempt(now).isAfter(now);
  }

  /** False while a rate-limit cooldown runs. */
  public boolean maySubscribe(Instant now) {
    return rateLimitedUntil.map(u -> !now.isBefore(u)).orElse(true);
  }

  private static Instant later(Instant a, Optional<Instant> b) {
    return b.filter(a::isBefore).orElse(a);
  }
}
