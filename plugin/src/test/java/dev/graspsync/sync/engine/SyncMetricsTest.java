package dev.graspsync.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.health.ConnectionState;
import dev.graspsync.sync.health.Health;
import dev.graspsync.sync.session.SessionCounter;
import dev.graspsync.sync.session.SessionMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Every meter the plugin registers moves, says what the issue asks, and goes with its relay. */
class SyncMetricsTest {
  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final SyncMetrics metrics = new SyncMetrics(registry);

  private static List<Double> values(Meter m) {
    return StreamSupport.stream(m.measure().spliterator(), false).map(x -> x.getValue()).toList();
  }

  private Map<Meter.Id, List<Double>> snapshot() {
    Map<Meter.Id, List<Double>> values = new HashMap<>();
    registry.getMeters().forEach(m -> values.put(m.getId(), values(m)));
    return values;
  }

  private double gauge(String name, String relay) {
    return registry.get(name).tag("relay", relay).gauge().value();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  private long relayMeters(String relay) {
    return registry.getMeters().stream().filter(m -> relay.equals(m.getId().getTag("relay"))).count();
  }

  @Test
  void noMeterIsRegisteredThatTheEngineNeverMoves() {
    Map<Meter.Id, List<Double>> before = snapshot();
    EveryMeter.track(metrics);
    snapshot().forEach(before::putIfAbsent); // relay meters as the workers find them

    EveryMeter.drive(metrics, clock);

    TreeSet<String> names = new TreeSet<>();
    TreeSet<String> moved = new TreeSet<>();
    for (Meter m : registry.getMeters()) {
      String name = m.getId().getName();
      names.add(name);
      List<Double> initial = before.getOrDefault(m.getId(), values(m).stream().map(v -> 0.0).toList());
      if (!values(m).equals(initial)) {
        moved.add(name);
      }
    }
    assertThat(moved).containsExactlyElementsOf(names);
    assertThat(names).contains("grasp.sync.relay.connected", "grasp.sync.relay.status", "grasp.sync.relay.failures",
        "grasp.sync.connection.attempts", "grasp.sync.events", "grasp.sync.gap.events", "grasp.sync.relay.subscriptions",
        "grasp.sync.relay.pending.batches", "grasp.sync.relay.live.overflow.filters", "grasp.sync.history.sync.duration", "grasp.sync.relay.received.bytes",
        "grasp.sync.relays.tracked", "grasp.sync.relays.connected", "grasp.sync.relays.dead",
        "grasp.sync.repos.tracked", "grasp.sync.root.events.tracked", "grasp.sync.events.in.flight");
  }

  @Test
  void gaugesSayWhatTheWorkersSet() {
    EveryMeter.track(metrics);
    EveryMeter.drive(metrics, clock);

    assertThat(gauge("grasp.sync.relay.connected", EveryMeter.LIVE)).isEqualTo(4.0);
    assertThat(gauge("grasp.sync.relay.status", EveryMeter.DEAD)).isEqualTo(4.0);
    assertThat(gauge("grasp.sync.relay.failures", EveryMeter.DEAD)).isEqualTo(7.0);
    assertThat(gauge("grasp.sync.relay.subscriptions", EveryMeter.LIVE)).isEqualTo(6.0);
    assertThat(gauge("grasp.sync.relay.live.overflow.filters", EveryMeter.LIVE)).isEqualTo(3.0);
    assertThat(gauge("grasp.sync.relays.tracked")).isEqualTo(2.0);
    assertThat(gauge("grasp.sync.relays.connected")).isEqualTo(1.0);
    assertThat(gauge("grasp.sync.relays.dead")).isEqualTo(1.0);
    assertThat(gauge("grasp.sync.repos.tracked")).isEqualTo(12.0);
    assertThat(gauge("grasp.sync.root.events.tracked")).isEqualTo(34.0);
    assertThat(gauge("grasp.sync.events.in.flight")).isEqualTo(56.0);
    assertThat(registry.get("grasp.sync.connection.attempts").tags("relay", EveryMeter.DEAD, "result", "failure")
        .counter().count()).isEqualTo(1.0);
    assertThat(registry.get("grasp.sync.connection.attempts").tags("relay", EveryMeter.DEAD, "result", "success")
        .counter().count()).isZero();
  }

  @Test
  void sessionCountersBecomeRelayTrafficAndDroppedEvents() {
    metrics.relay("wss://r.example");
    SessionMetrics session = metrics.sessionMetrics("wss://r.example");

    session.increment(SessionCounter.BYTES_RECEIVED, 1500);
    session.increment(SessionCounter.EVENTS_RECEIVED, 4);
    session.increment(SessionCounter.DROPPED_UNASKED, 2);
    session.increment(SessionCounter.DROPPED_OVERSIZE, 1);
    session.increment(SessionCounter.MALFORMED, 1);
    session.increment(SessionCounter.NOTICES, 1);
    session.increment(SessionCounter.CLOSED_BY_RELAY, 3);

    assertThat(registry.get("grasp.sync.relay.received.bytes").tag("relay", "wss://r.example").counter().count()).isEqualTo(1500.0);
    assertThat(registry.get("grasp.sync.relay.events").tag("relay", "wss://r.example").counter().count()).isEqualTo(4.0);
    assertThat(registry.get("grasp.sync.relay.notices").tag("relay", "wss://r.example").counter().count()).isEqualTo(1.0);
    assertThat(registry.get("grasp.sync.relay.closed").tag("relay", "wss://r.example").counter().count()).isEqualTo(3.0);
    assertThat(registry.get("grasp.sync.events").tags("layer", "unknown", "verdict", "unasked").counter().count()).isEqualTo(2.0);
    assertThat(registry.get("grasp.sync.events").tags("layer", "unknown", "verdict", "oversize").counter().count()).isEqualTo(1.0);
    assertThat(registry.get("grasp.sync.events").tags("layer", "unknown", "verdict", "malformed").counter().count()).isEqualTo(1.0);
  }

  @Test
  void historySyncIsTimedFromSyncingToCaughtUpAndNotWhenCutShort() {
    SyncMetrics.RelayGauges g = metrics.relay("wss://r.example");
    Timer timer = registry.get("grasp.sync.history.sync.duration").timer();

    g.connection.set(ConnectionState.SYNCING.metricValue());
    clock.add(30, TimeUnit.SECONDS);
    g.connection.set(ConnectionState.DISCONNECTED.metricValue());
    assertThat(timer.count()).as("a sync cut short by a disconnect").isZero();

    g.connection.set(ConnectionState.CONNECTING.metricValue());
    g.connection.set(ConnectionState.SYNCING.metricValue());
    clock.add(40, TimeUnit.SECONDS);
    g.connection.set(ConnectionState.SYNCING.metricValue()); // the worker publishes again mid-sync
    clock.add(20, TimeUnit.SECONDS);
    g.connection.set(ConnectionState.CONNECTED.metricValue());
    g.connection.set(ConnectionState.CONNECTED.metricValue());

    assertThat(timer.count()).isEqualTo(1);
    assertThat(timer.totalTime(TimeUnit.SECONDS)).isEqualTo(60.0);
  }

  @Test
  void aForgottenRelayTakesItsMetersAlongSoLabelsStayBoundedByTrackedRelays() {
    int baseline = registry.getMeters().size();
    List<String> relays = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      relays.add("wss://r" + i + ".example");
    }
    relays.forEach(r -> {
      metrics.relay(r);
      metrics.connectionAttempt(r, "failure");
      metrics.gapEvent(r);
      metrics.sessionMetrics(r).increment(SessionCounter.BYTES_RECEIVED, 10);
    });
    assertThat(relayMeters("wss://r7.example")).isGreaterThanOrEqualTo(10);
    assertThat(gauge("grasp.sync.relays.tracked")).isEqualTo(50.0);

    relays.forEach(metrics::forget);

    assertThat(registry.getMeters()).hasSize(baseline);
    assertThat(gauge("grasp.sync.relays.tracked")).isZero();
    // a late count for a relay that is gone does not bring its label back
    metrics.gapEvent("wss://r7.example");
    metrics.connectionAttempt("wss://r7.example", "success");
    assertThat(relayMeters("wss://r7.example")).isZero();
  }

  @Test
  void aWorkerReplacingAnotherForTheSameRelayKeepsTheMetersUntilBothLetGo() {
    SyncMetrics.RelayGauges first = metrics.relay("wss://r.example");
    SyncMetrics.RelayGauges second = metrics.relay("wss://r.example");
    metrics.forget("wss://r.example"); // the old worker's undeploy finished after the new one started
    second.health.set(Health.DEGRADED.metricValue());

    assertThat(second).isSameAs(first);
    assertThat(gauge("grasp.sync.relay.status", "wss://r.example")).isEqualTo(3.0);

    metrics.forget("wss://r.example");
    assertThat(relayMeters("wss://r.example")).isZero();
  }
}
