package dev.graspsync.sync.engine;

import dev.graspsync.sync.health.Backoff;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When a live REQ that ended without our asking is asked again, on the worker's event loop:
 * after the rate-limit cooldown, or, when it saw no EOSE, with backoff a few times per
 * connection. A re-open scheduled before the live layout changed (a consolidation or a new
 * connection) is void: that layout laid its filters out again.
 */
final class LiveReopening {
  /** Live REQs left without EOSE asked again per connection, before giving up until the next. */
  static final int MAX_UNANSWERED = 5;
  static final Duration UNANSWERED_BACKOFF = Duration.ofSeconds(5);
  static final Duration UNANSWERED_BACKOFF_CAP = Duration.ofMinutes(10);

  private final Vertx vertx;
  private final Duration rateLimitCooldown;
  private final Duration unansweredBackoff;
  /** The live layout's version: changes on every consolidation and connection. */
  private final LongSupplier layoutVersion;
  private int unanswered;

  LiveReopening(Vertx vertx, Duration rateLimitCooldown, Duration unansweredBackoff, LongSupplier layoutVersion) {
    this.vertx = vertx;
    this.rateLimitCooldown = rateLimitCooldown;
    this.unansweredBackoff = unansweredBackoff;
    this.layoutVersion = layoutVersion;
  }

  /** CLOSED for a rate limit: asked again once the cooldown has passed. */
  void afterRateLimit(Runnable reopen) {
    after(rateLimitCooldown, reopen);
  }

  /**
   * No EOSE: the relay may have dropped the REQ without a word (some answer an oversize one
   * with a NOTICE only). Asked again with backoff, a few times per connection.
   *
   * @return false when it is not asked again: its filters wait for the next connection or the
   *     daily resync
   */
  boolean afterUnanswered(Runnable reopen) {
    unanswered++;
    if (unanswered > MAX_UNANSWERED) {
      return false;
    }
    after(Backoff.delay(unanswered, unansweredBackoff, UNANSWERED_BACKOFF_CAP), reopen);
    return true;
  }

  /** An EOSE, or a new connection: the count of unanswered REQs starts again. */
  void reset() {
    unanswered = 0;
  }

  private void after(Duration delay, Runnable reopen) {
    long version = layoutVersion.getAsLong();
    vertx.setTimer(Math.max(1, delay.toMillis()), t -> {
      if (version == layoutVersion.getAsLong()) {
        reopen.run();
      }
    });
  }
}
