package dev.graspsync.sync.engine;

import dev.graspsync.sync.health.ConnectionState;
import dev.graspsync.sync.health.Health;
import dev.graspsync.sync.session.SessionCounter;
import dev.graspsync.sync.session.SessionMetrics;
import dev.graspsync.sync.session.UnfinishedHistory;
import io.micrometer.core.instrument.MockClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives every meter {@link SyncMetrics} can register away from its initial value, as the
 * engine does: one relay that syncs and goes live, one that fails until it is dead. Shared by
 * the meter test and the documentation test, so both see the same, complete set of names.
 */
final class EveryMeter {
  static final String LIVE = "wss://live.example";
  static final String DEAD = "wss://dead.example";
  static final List<String> LAYERS = List.of("announcements", "state", "repo", "root", "catch-up");
  static final List<String> VERDICTS = List.of("saved", "duplicate", "rejected");
  static final Duration SYNC_TOOK = Duration.ofSeconds(90);

  private EveryMeter() {}

  /** The workers take their relays: every relay-labelled meter now exists, untouched. */
  static void track(SyncMetrics metrics) {
    metrics.relay(LIVE);
    metrics.relay(DEAD);
  }

  static void drive(SyncMetrics metrics, MockClock clock) {
    metrics.indexSize(12, 34);
    metrics.eventsInFlight(() -> 56);
    metrics.unannouncedRepos(2);
    metrics.refusedMemory(() -> 9);
    metrics.refusedSkipped();
    metrics.refusedRemembered();
    metrics.stateQueue(() -> 3);
    metrics.historyTurns(() -> 2, () -> 5);
    metrics.reconciliationSlots(() -> 8, () -> 3);
    metrics.indexQueue(() -> 7);
    SyncMetrics.RelayGauges live = metrics.relay(LIVE);
    metrics.forget(LIVE); // the extra hold taken just to reach the gauges
    live.connection.set(ConnectionState.CONNECTING.metricValue());
    metrics.connectionAttempt(LIVE, "success");
    live.connection.set(ConnectionState.SYNCING.metricValue());
    live.health.set(Health.HEALTHY.metricValue());
    live.subscriptions.set(6);
    live.liveOverflow.set(3);
    live.pendingBatches.set(2);
    SessionMetrics session = metrics.sessionMetrics(LIVE);
    for (SessionCounter c : SessionCounter.values()) {
      session.increment(c, 3);
    }
    for (String layer : LAYERS) {
      for (String verdict : VERDICTS) {
        metrics.event(layer, verdict);
      }
    }
    metrics.gapEvent(LIVE);
    metrics.batchFailed(LIVE);
    metrics.reconciliation("reconciled");
    metrics.reconcileIds("need", 5);
    metrics.reconcileIds("have", 2);
    metrics.negBytes("sent", 100);
    metrics.negBytes("received", 200);
    metrics.reconcileFallback("notice");
    for (UnfinishedHistory.Reason reason : UnfinishedHistory.Reason.values()) {
      metrics.historyIncomplete(LIVE, reason);
    }
    metrics.handOffFailed();
    clock.add(SYNC_TOOK.toMillis(), TimeUnit.MILLISECONDS);
    live.pendingBatches.set(0);
    live.connection.set(ConnectionState.CONNECTED_WITH_FAILURES.metricValue());

    SyncMetrics.RelayGauges dead = metrics.relay(DEAD);
    metrics.forget(DEAD);
    metrics.connectionAttempt(DEAD, "failure");
    dead.failures.set(7);
    dead.health.set(Health.DEAD.metricValue());
    dead.pendingBatches.set(1); // queued until the relay answers again

    metrics.refusedRelay("private_address");
    metrics.connectFailure("tls_untrusted");
  }
}
