package dev.graspsync.sync.engine;

import dev.graspsync.nostr.filter.Filter;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Filters a relay's limits leave without a live subscription: every {@link #INTERVAL} their
 * history since the previous poll (less the lookback, for events stored late) is fetched, so
 * they are synced a minute late instead of not at all. On the owning worker's event loop.
 */
final class OverflowPoller {
  static final Duration INTERVAL = Duration.ofSeconds(60);

  private final Vertx vertx;
  private final Clock clock;
  private final Duration lookback;
  private final Duration interval;
  private final Consumer<List<Filter>> fetchHistory;
  private List<Filter> filters = List.of();
  private long polledAt;
  private OptionalLong timer = OptionalLong.empty();

  OverflowPoller(Vertx vertx, Clock clock, Duration lookback, Consumer<List<Filter>> fetchHistory) {
    this(vertx, clock, lookback, INTERVAL, fetchHistory);
  }

  /** @param interval between polls; {@link #INTERVAL} but in tests */
  OverflowPoller(Vertx vertx, Clock clock, Duration lookback, Duration interval, Consumer<List<Filter>> fetchHistory) {
    this.vertx = vertx;
    this.clock = clock;
    this.lookback = lookback;
    this.interval = interval;
    this.fetchHistory = fetchHistory;
  }

  /** From now on these filters are polled, starting with what they missed since {@code since}. */
  void poll(List<Filter> overflow, long since) {
    filters = List.copyOf(overflow);
    if (filters.isEmpty()) {
      stop();
      return;
    }
    polledAt = since;
    if (timer.isEmpty()) {
      timer = OptionalLong.of(vertx.setPeriodic(Math.max(1, interval.toMillis()), id -> pollNow()));
    }
    pollNow();
  }

  void stop() {
    filters = List.of();
    timer.ifPresent(vertx::cancelTimer);
    timer = OptionalLong.empty();
  }

  int size() {
    return filters.size();
  }

  Duration interval() {
    return interval;
  }

  private void pollNow() {
    long since = polledAt;
    polledAt = clock.instant().minus(lookback).getEpochSecond();
    fetchHistory.accept(filters.stream().map(f -> f.withSince(since).withoutLimit()).toList());
  }
}
