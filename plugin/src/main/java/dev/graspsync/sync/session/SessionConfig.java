package dev.graspsync.sync.session;

import java.time.Duration;

/**
 * Limits and timeouts of one {@link RelaySession}. Every value is validated here, so a bad
 * configuration fails at start-up with the name of the offending key.
 *
 * @param maxMessageBytes {@code max-message-bytes}: a relay message larger than this is
 *     dropped unparsed and counted; the connection survives
 * @param maxFrameBytes the largest single WebSocket frame read at all. Netty buffers a frame
 *     whole before anyone sees it, so this bounds memory; a relay that sends one frame larger
 *     than this loses its connection (close code 1009). Must be at least {@code maxMessageBytes}
 * @param eoseTimeout {@code eose-timeout-seconds}: a subscription that sees neither an event nor
 *     EOSE for this long (while reading is not paused by us) ends as {@code TimedOut}
 * @param authTimeout how long a subscription refused with {@code auth-required:} waits for the
 *     AUTH challenge and the relay's OK before it ends as {@code AuthRequired}
 * @param maxInFlight events handed to listeners whose futures have not completed; at this
 *     number the session pauses reading from the socket
 * @param resumeBelow low-water mark: reading resumes once in-flight events drop to this number
 * @param historyPageLimit {@code limit} put on history filters that have none: one page's size
 * @param maxHistoryPages pages after which a history subscription stops as {@code
 *     PageLimitReached} (a relay inventing fresh events forever cannot keep us paging)
 * @param dedupeCapacity ids remembered per subscription to drop repeats (oldest forgotten first);
 *     bounds memory (about 150 bytes an id). Repeats beyond it reach the listener, whose host
 *     skips ids it already stores
 * @param liveLookback {@code since} of a live filter without one is now minus this, so events
 *     whose author's clock lags a little are not missed; repeats are cheap (dedupe, host store)
 */
public record SessionConfig(
    int maxMessageBytes,
    int maxFrameBytes,
    Duration eoseTimeout,
    Duration authTimeout,
    int maxInFlight,
    int resumeBelow,
    int historyPageLimit,
    int maxHistoryPages,
    int dedupeCapacity,
    Duration liveLookback) {

  public static final int DEFAULT_MAX_MESSAGE_BYTES = 512 * 1024;

  public SessionConfig {
    positive("max-message-bytes", maxMessageBytes);
    if (maxFrameBytes < maxMessageBytes) {
      throw new IllegalArgumentException(
          "max-frame-bytes (" + maxFrameBytes + ") must be at least max-message-bytes (" + maxMessageBytes + ")");
    }
    positive("eose-timeout-seconds", eoseTimeout);
    positive("auth-timeout", authTimeout);
    positive("max-in-flight-events", maxInFlight);
    if (resumeBelow < 0 || resumeBelow >= maxInFlight) {
      throw new IllegalArgumentException(
          "resume-below (" + resumeBelow + ") must be >= 0 and below max-in-flight-events (" + maxInFlight + ")");
    }
    positive("history-page-limit", historyPageLimit);
    positive("max-history-pages", maxHistoryPages);
    positive("dedupe-capacity", dedupeCapacity);
    if (liveLookback == null || liveLookback.isNegative()) {
      throw new IllegalArgumentException("live-lookback must be zero or positive, got " + liveLookback);
    }
  }

  /**
   * 512 KiB messages, 2 MiB frames, 60 s EOSE, 10 s AUTH, 256/128 in flight, 500 events a
   * page, 10,000 pages at most, 2,048 remembered ids a subscription, 60 s live lookback.
   */
  public static SessionConfig defaults() {
    return new SessionConfig(
        DEFAULT_MAX_MESSAGE_BYTES,
        4 * DEFAULT_MAX_MESSAGE_BYTES,
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        256,
        128,
        500,
        10_000,
        2_048,
        Duration.ofSeconds(60));
  }

  /** Also raises the frame cap to four times the message cap when it is below that. */
  public SessionConfig withMaxMessageBytes(int value) {
    int frames = (int) Math.max(maxFrameBytes, Math.min(Integer.MAX_VALUE, 4L * value));
    return new SessionConfig(value, frames, eoseTimeout, authTimeout, maxInFlight, resumeBelow,
        historyPageLimit, maxHistoryPages, dedupeCapacity, liveLookback);
  }

  public SessionConfig withMaxFrameBytes(int value) {
    return new SessionConfig(maxMessageBytes, value, eoseTimeout, authTimeout, maxInFlight, resumeBelow,
        historyPageLimit, maxHistoryPages, dedupeCapacity, liveLookback);
  }

  public SessionConfig withEoseTimeout(Duration value) {
    return new SessionConfig(maxMessageBytes, maxFrameBytes, value, authTimeout, maxInFlight, resumeBelow,
        historyPageLimit, maxHistoryPages, dedupeCapacity, liveLookback);
  }

  public SessionConfig withAuthTimeout(Duration value) {
    return new SessionConfig(maxMessageBytes, maxFrameBytes, eoseTimeout, value, maxInFlight, resumeBelow,
        historyPageLimit, maxHistoryPages, dedupeCapacity, liveLookback);
  }

  public SessionConfig withInFlight(int max, int resumeAt) {
    return new SessionConfig(maxMessageBytes, maxFrameBytes, eoseTimeout, authTimeout, max, resumeAt,
        historyPageLimit, maxHistoryPages, dedupeCapacity, liveLookback);
  }

  public SessionConfig withHistoryPageLimit(int value) {
    return new SessionConfig(maxMessageBytes, maxFrameBytes, eoseTimeout, authTimeout, maxInFlight, resumeBelow,
        value, maxHistoryPages, dedupeCapacity, liveLookback);
  }

  public SessionConfig withMaxHistoryPages(int value) {
    return new SessionConfig(maxMessageBytes, maxFrameBytes, eoseTimeout, authTimeout, maxInFlight, resumeBelow,
        historyPageLimit, value, dedupeCapacity, liveLookback);
  }

  public SessionConfig withDedupeCapacity(int value) {
    return new SessionConfig(maxMessageBytes, maxFrameBytes, eoseTimeout, authTimeout, maxInFlight, resumeBelow,
        historyPageLimit, maxHistoryPages, value, liveLookback);
  }

  public SessionConfig withLiveLookback(Duration value) {
    return new SessionConfig(maxMessageBytes, maxFrameBytes, eoseTimeout, authTimeout, maxInFlight, resumeBelow,
        historyPageLimit, maxHistoryPages, dedupeCapacity, value);
  }

  private static void positive(String key, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(key + " must be positive, got " + value);
    }
  }

  private static void positive(String key, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(key + " must be a positive duration, got " + value);
    }
  }
}
