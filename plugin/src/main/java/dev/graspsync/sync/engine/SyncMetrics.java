package dev.graspsync.sync.engine;

import dev.graspsync.sync.health.ConnectionState;
import dev.graspsync.sync.health.Health;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The plugin's meters, prefix {@code grasp_sync_}. Relay-labelled meters exist only for
 * relays the coordinator tracks (at most {@code max-relays}) and are removed with the relay,
 * so label cardinality stays bounded.
 */
final class SyncMetrics {
  private final MeterRegistry registry;
  private final Map<String, RelayGauges> relays = new ConcurrentHashMap<>();
  private final AtomicInteger repos = new AtomicInteger();
  private final AtomicInteger rootEvents = new AtomicInteger();

  SyncMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("grasp.sync.relays.tracked", relays, Map::size).register(registry);
    Gauge.builder("grasp.sync.relays.connected", relays, m -> count(m, g -> g.connection.get() >= ConnectionState.SYNCING.metricValue()
        && g.connection.get() <= ConnectionState.CONNECTED_WITH_FAILURES.metricValue())).register(registry);
    Gauge.builder("grasp.sync.relays.dead", relays, m -> count(m, g -> g.health.get() == Health.DEAD.metricValue())).register(registry);
    Gauge.builder("grasp.sync.repos.tracked", repos, AtomicInteger::get).register(registry);
    Gauge.builder("grasp.sync.root.events.tracked", rootEvents, AtomicInteger::get).register(registry);
  }

  private static double count(Map<String, RelayGauges> m, java.util.function.Predicate<RelayGauges> p) {
    return m.values().stream().filter(p).count();
  }

  void indexSize(int repoCount, int rootEventCount) {
    repos.set(repoCount);
    rootEvents.set(rootEventCount);
  }

  RelayGauges relay(String relay) {
    return relays.computeIfAbsent(relay, r -> new RelayGauges(registry, r));
  }

  void forget(String relay) {
    RelayGauges g = relays.remove(relay);
    if (g != null) {
      g.meters.forEach(registry::remove);
    }
  }

  /** Events received, by layer (announcements, state, repo, root, catch-up) and verdict. */
  void event(String layer, String verdict) {
    Counter.builder("grasp.sync.events").tag("layer", layer).tag("verdict", verdict).register(registry).increment();
  }

  void connectionAttempt(String relay, String result) {
    Counter.builder("grasp.sync.connection.attempts").tag("relay", relay).tag("result", result).register(registry).increment();
  }

  /** Events a catch-up found new: live sync had missed them. */
  void gapEvent(String relay) {
    Counter.builder("grasp.sync.gap.events").tag("relay", relay).register(registry).increment();
  }

  void batchFailed(String relay) {
    Counter.builder("grasp.sync.batches.failed").tag("relay", relay).register(registry).increment();
  }

  void refusedRelay(String reason) {
    Counter.builder("grasp.sync.relays.refused").tag("reason", reason).register(registry).increment();
  }

  /** Per-relay gauges, written by the relay's worker, read by the scrape. */
  static final class RelayGauges {
    final AtomicInteger connection = new AtomicInteger(ConnectionState.DISCONNECTED.metricValue());
    final AtomicInteger health = new AtomicInteger(Health.DISCONNECTED.metricValue());
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger subscriptions = new AtomicInteger();
    final AtomicInteger pendingBatches = new AtomicInteger();
    final List<Meter> meters = new ArrayList<>();

    RelayGauges(MeterRegistry registry, String relay) {
      meters.add(Gauge.builder("grasp.sync.relay.connected", connection, AtomicInteger::get).tag("relay", relay).register(registry));
      meters.add(Gauge.builder("grasp.sync.relay.status", health, AtomicInteger::get).tag("relay", relay).register(registry));
      meters.add(Gauge.builder("grasp.sync.relay.failures", failures, AtomicInteger::get).tag("relay", relay).register(registry));
      meters.add(Gauge.builder("grasp.sync.relay.subscriptions", subscriptions, AtomicInteger::get).tag("relay", relay).register(registry));
      meters.add(Gauge.builder("grasp.sync.relay.pending.batches", pendingBatches, AtomicInteger::get).tag("relay", relay).register(registry));
    }
  }
}
