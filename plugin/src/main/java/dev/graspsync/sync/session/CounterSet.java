package dev.graspsync.sync.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The session's live counters: plain longs, touched only on the session's context. */
final class CounterSet {
  private static final Logger LOG = LoggerFactory.getLogger(CounterSet.class);
  private final long[] values = new long[SessionCounter.values().length];
  private final SessionMetrics metrics;

  CounterSet(SessionMetrics metrics) {
    this.metrics = metrics;
  }

  void add(SessionCounter counter, long amount) {
    values[counter.ordinal()] += amount;
    try {
      metrics.increment(counter, amount);
    } catch (RuntimeException e) {
      // a broken metrics adapter must not break the connection
      LOG.debug("metrics callback failed for {}", counter, e);
    }
  }

  void increment(SessionCounter counter) {
    add(counter, 1);
  }

  SessionCounters snapshot() {
    return SessionCounters.of(values.clone());
  }
}
