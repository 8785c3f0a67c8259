package dev.graspsync.host.server;

import java.time.Clock;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code perSecond}. Not thread
 * safe: each connection owns one on its event loop. Time comes from the injected clock.
 */
public final class TokenBucket {
  private final double perMilli;
  private final double capacity;
  private final Clock clock;
  private double tokens;
  private long lastMillis;

  public TokenBucket(int perSecond, int burst, Clock clock) {
    if (perSecond <= 0 || burst <= 0) {
      throw new IllegalArgumentException("rate and burst must be positive");
    }
    this.perMilli = perSecond / 1000.0;
    this.capacity = burst;
    this.clock = clock;
    this.tokens = burst;
    this.lastMillis = clock.millis();
  }

  /** Takes one token if there is one. */
  public boolean tryTake() {
    long now = clock.millis();
    if (now > lastMillis) {
      tokens = Math.min(capacity, tokens + (now - lastMillis) * perMilli);
      lastMillis = now;
    }
    if (tokens >= 1.0) {
      tokens -= 1.0;
      return true;
    }
    return false;
  }
}
