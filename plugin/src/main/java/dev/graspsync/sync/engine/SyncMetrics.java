package dev.graspsync.sync.engine;

import dev.graspsync.sync.health.ConnectionState;
import dev.graspsync.sync.health.Health;
import dev.graspsync.sync.session.SessionMetrics;
import dev.graspsync.sync.session.UnfinishedHistory;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/**
 * The plugin's meters, prefix {@code grasp_sync_} in Prometheus; docs/monitoring.md describes
 * each. Relay-labelled meters exist only while some worker holds the relay (the coordinator
 * tracks at most {@code max-relays}) and are removed when the last one lets it go, so label
 * cardinality stays bounded. Events are counted by layer and verdict without a relay label.
 */
final class SyncMetrics {
  /** Layer label of what the session drops before any filter, hence any layer, is known. */
  static final String UNKNOWN_LAYER = "unknown";
  /** Buckets of the history sync duration: seconds for a small relay, hours for a big one. */
  static final List<Duration> HISTORY_SYNC_BUCKETS = List.of(Duration.ofSeconds(10), Duration.ofMinutes(1),
      Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(12));

  private final MeterRegistry registry;
  private final Map<String, RelayGauges> relays = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final AtomicInteger repos = new AtomicInteger();
  private final AtomicInteger rootEvents = new AtomicInteger();
  private final AtomicInteger unannouncedRepos = new AtomicInteger();
  private final Timer historySync;
  private final Counter handOffFailures;

  SyncMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("grasp.sync.relays.tracked", relays, Map::size)
        .description("Relays with a sync worker (at most max-relays)").register(registry);
    Gauge.builder("grasp.sync.relays.connected", relays, m -> count(m, RelayGauges::connected))
        .description("Relays connected: syncing history, live, or live with failed batches").register(registry);
    Gauge.builder("grasp.sync.relays.dead", relays, m -> count(m, g -> g.health.get() == Health.DEAD.metricValue()))
        .description("Relays failing for dead-after-hours, tried once a day").register(registry);
    Gauge.builder("grasp.sync.repos.tracked", repos, AtomicInteger::get)
        .description("Repositories synced: an announcement listing this relay with its maintainers' announcements")
        .register(registry);
    Gauge.builder("grasp.sync.repos.unannounced", unannouncedRepos, AtomicInteger::get)
        .description("Repository coordinates named by root events or maintainers tags, with no announcement here")
        .register(registry);
    Gauge.builder("grasp.sync.root.events.tracked", rootEvents, AtomicInteger::get)
        .description("Root events (patches, pull requests, issues) in the sync index").register(registry);
    historySync = Timer.builder("grasp.sync.history.sync.duration")
        .description("From a relay starting to sync history (connection, reconnection, daily resync) to caught up")
        .serviceLevelObjectives(HISTORY_SYNC_BUCKETS.toArray(Duration[]::new))
        .register(registry);
    handOffFailures = Counter.builder("grasp.sync.plan.handoff.failures")
        .description("Relays whose new targets could not be handed over in a batch window; tried again in the next")
        .register(registry);
  }

  private static double count(Map<String, RelayGauges> m, Predicate<RelayGauges> p) {
    return m.values().stream().filter(p).count();
  }

  /** Events received from all relays together and not yet settled by the host (the shared budget's count). */
  void eventsInFlight(IntSupplier inFlight) {
    Gauge.builder("grasp.sync.events.in.flight", inFlight, IntSupplier::getAsInt).strongReference(true)
        .description("Events received from relays and not yet stored, all relays together (at most max-events-in-flight)")
        .register(registry);
  }


  /** NIP-77 reconciliations open across all relays (each holds its local set), and those waiting for a slot. */
  void reconciliationSlots(IntSupplier open, IntSupplier waiting) {
    activeAndWaiting("grasp.sync.reconciliations.open",
        "NIP-77 reconciliations open across all relays (at most 8), and those waiting for a slot", open, waiting);
  }

  /** Relays syncing history now, and relays waiting for a turn ({@code max-relays-syncing-history}). */
  void historyTurns(IntSupplier active, IntSupplier waiting) {
    activeAndWaiting("grasp.sync.history.relays",
        "Relays syncing history now (at most max-relays-syncing-history), and relays waiting for a turn", active, waiting);
  }

  /** A host-wide permit queue: permits taken ({@code state=active}) and callers queued ({@code state=waiting}). */
  private void activeAndWaiting(String name, String description, IntSupplier active, IntSupplier waiting) {
    Gauge.builder(name, active, IntSupplier::getAsInt).strongReference(true).tag("state", "active")
        .description(description).register(registry);
    Gauge.builder(name, waiting, IntSupplier::getAsInt).strongReference(true).tag("state", "waiting")
        .description(description).register(registry);
  }

  /** Accepted events waiting to be applied to the sync index. */
  void indexQueue(IntSupplier queued) {
    Gauge.builder("grasp.sync.index.queued", queued, IntSupplier::getAsInt).strongReference(true)
        .description("Accepted events waiting to be applied to the sync index")
        .register(registry);
  }

  /** Sync-state reads and writes waiting for the state thread, all relays together. */
  void stateQueue(IntSupplier queued) {
    Gauge.builder("grasp.sync.state.queued", queued, IntSupplier::getAsInt).strongReference(true)
        .description("Sync-state reads and writes waiting for the state thread, all relays together")
        .register(registry);
  }

  void indexSize(int repoCount, int rootEventCount) {
    repos.set(repoCount);
    rootEvents.set(rootEventCount);
  }

  void unannouncedRepos(int count) {
    unannouncedRepos.set(count);
  }

  /** Ids remembered as refused (see {@code RefusedMemory}). */
  void refusedMemory(IntSupplier size) {
    Gauge.builder("grasp.sync.refused.ids", size, IntSupplier::getAsInt).strongReference(true)
        .description("Ids of refused announcements and states remembered, skipped when a relay sends them again")
        .register(registry);
  }

  /** An event skipped because the host refused it before. */
  void refusedSkipped() {
    plainCounter("grasp.sync.refused.skipped", "Events skipped unverified because the host refused them before").increment();
  }

  /** A refusal remembered. */
  void refusedRemembered() {
    plainCounter("grasp.sync.refused.remembered", "Refusals of announcements and states remembered").increment();
  }

  private Counter plainCounter(String name, String description) {
    return counters.computeIfAbsent(name, k -> Counter.builder(name).description(description).register(registry));
  }

  /**
   * The relay's meters, registered on first use. Each call must be matched by one {@link
   * #forget} (a worker takes the relay when it is built and lets it go when it is undeployed),
   * so a worker that replaces another one for the same relay keeps the meters.
   */
  RelayGauges relay(String relay) {
    return relays.compute(relay, (r, g) -> {
      RelayGauges gauges = g == null ? new RelayGauges(registry, r, historySync) : g;
      gauges.holders++;
      return gauges;
    });
  }

  /** A worker let the relay go; the last one to do so removes its meters. */
  void forget(String relay) {
    relays.computeIfPresent(relay, (r, g) -> {
      g.holders--;
      if (g.holders > 0) {
        return g;
      }
      g.meters.forEach(registry::remove);
      return null;
    });
  }

  /** Events received, by layer (announcements, state, repo, root, catch-up) and verdict. */
  void event(String layer, String verdict) {
    counter("grasp.sync.events", "layer", layer, "verdict", verdict).increment();
  }

  /** {@code result} is {@code success} or {@code failure}. */
  void connectionAttempt(String relay, String result) {
    tracked(relay).ifPresent(g -> ("success".equals(result) ? g.attemptsSucceeded : g.attemptsFailed).increment());
  }

  /** Events a catch-up found new: live sync had missed them. */
  void gapEvent(String relay) {
    tracked(relay).ifPresent(g -> g.gapEvents.increment());
  }

  /**
   * NIP-77: one filter's reconciliation ended, by {@code outcome}: {@code reconciled}, {@code
   * split} (too many records: its halves are reconciled), {@code fallback} (paged REQs), {@code
   * ended} (its REQ group ended: disconnect, rate limit, cancel).
   */
  void reconciliation(String outcome) {
    counter("grasp.sync.reconciliations", "outcome", outcome, "", "").increment();
  }

  /** NIP-77 ids: {@code need} (the relay has, we lack: fetched) or {@code have} (we have, it lacks: counted only). */
  void reconcileIds(String kind, long count) {
    if (count > 0) {
      counter("grasp.sync.reconcile.ids", "kind", kind, "", "").increment(count);
    }
  }

  /** Negentropy payload bytes (binary, before hex) {@code sent} or {@code received}. */
  void negBytes(String direction, long bytes) {
    counter("grasp.sync.reconcile.bytes", "direction", direction, "", "").increment(bytes);
  }

  /** A filter fetched with paged REQs instead of reconciled, by {@link dev.graspsync.sync.reconcile.FallbackReason}. */
  void reconcileFallback(String reason) {
    counter("grasp.sync.reconcile.fallbacks", "reason", reason, "", "").increment();
  }

  void batchFailed(String relay) {
    tracked(relay).ifPresent(g -> g.batchesFailed.increment());
  }

  /**
   * A failed connection attempt, by why ({@code dns}, {@code private_address}, {@code tls_*},
   * {@code timeout}, {@code connection}); no relay label: the status page names the relay.
   */
  void connectFailure(String reason) {
    counter("grasp.sync.connect.failures", "reason", reason, "", "").increment();
  }

  /** A history filter whose paging stopped short of the end of the relay's history, by why. */
  void historyIncomplete(String relay, UnfinishedHistory.Reason reason) {
    tracked(relay).ifPresent(g -> g.historyIncomplete.get(reason).increment());
  }

  /** A relay's new targets could not be handed to it; it gets them in the next window. */
  void handOffFailed() {
    handOffFailures.increment();
  }

  /** A relay URL from an announcement that is not dialled, by why. */
  void refusedRelay(String reason) {
    counter("grasp.sync.relays.refused", "reason", reason, "", "").increment();
  }

  /**
   * What one relay session counts, as meters: bytes, events, NOTICEs and CLOSEDs per relay;
   * what the session drops before the sync sees it (unasked, oversize, malformed, repeated)
   * as events of layer {@value #UNKNOWN_LAYER}; a failed ingest as verdict {@code failed}.
   * Set on the session builder of the relay's worker, after {@link #relay}.
   */
  SessionMetrics sessionMetrics(String relay) {
    Optional<RelayGauges> gauges = tracked(relay);
    return (counter, amount) -> {
      switch (counter) {
        case BYTES_RECEIVED -> gauges.ifPresent(g -> g.bytesReceived.increment(amount));
        case EVENTS_RECEIVED -> gauges.ifPresent(g -> g.eventsReceived.increment(amount));
        case NOTICES -> gauges.ifPresent(g -> g.notices.increment(amount));
        case CLOSED_BY_RELAY -> gauges.ifPresent(g -> g.closedByRelay.increment(amount));
        case DROPPED_UNASKED -> counter("grasp.sync.events", "layer", UNKNOWN_LAYER, "verdict", "unasked").increment(amount);
        case DROPPED_OVERSIZE -> counter("grasp.sync.events", "layer", UNKNOWN_LAYER, "verdict", "oversize").increment(amount);
        case MALFORMED -> counter("grasp.sync.events", "layer", UNKNOWN_LAYER, "verdict", "malformed").increment(amount);
        case DROPPED_DUPLICATE -> counter("grasp.sync.events", "layer", UNKNOWN_LAYER, "verdict", "duplicate").increment(amount);
        case SINK_FAILURES -> counter("grasp.sync.events", "layer", UNKNOWN_LAYER, "verdict", "failed").increment(amount);
        // not exported: frames follow the bytes, delivered events the verdicts, and read pauses
        // (listeners behind) show as a slow ingest rather than as a relay's doing
        case MESSAGES_RECEIVED, EVENTS_DELIVERED, PAUSES -> { }
      }
    };
  }

  private Optional<RelayGauges> tracked(String relay) {
    return Optional.ofNullable(relays.get(relay));
  }

  /** Counters without a relay label, looked up once: counting on the hot path is one map read. */
  private Counter counter(String name, String tag1, String value1, String tag2, String value2) {
    return counters.computeIfAbsent(name + '|' + value1 + '|' + value2, k -> {
      Counter.Builder b = Counter.builder(name).tag(tag1, value1);
      if (!tag2.isEmpty()) {
        b.tag(tag2, value2);
      }
      return b.register(registry);
    });
  }

  /**
   * Per-relay meters, written by the relay's worker on its event loop, read by the scrape.
   * The worker sets the gauges; the session and the sync count the counters.
   */
  static final class RelayGauges {
    final ConnectionGauge connection;
    final AtomicInteger health = new AtomicInteger(Health.DISCONNECTED.metricValue());
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger subscriptions = new AtomicInteger();
    final AtomicInteger pendingBatches = new AtomicInteger();
    final AtomicInteger liveOverflow = new AtomicInteger();
    final Counter attemptsSucceeded;
    final Counter attemptsFailed;
    final Counter gapEvents;
    final Counter batchesFailed;
    final Counter bytesReceived;
    final Counter eventsReceived;
    final Counter notices;
    final Counter closedByRelay;
    final Map<UnfinishedHistory.Reason, Counter> historyIncomplete = new EnumMap<>(UnfinishedHistory.Reason.class);
    final List<Meter> meters = new ArrayList<>();
    /** Workers holding the relay; changed only inside the map's compute. */
    private int holders;

    RelayGauges(MeterRegistry registry, String relay, Timer historySync) {
      connection = new ConnectionGauge(historySync, registry.config().clock());
      meters.add(Gauge.builder("grasp.sync.relay.connected", connection, ConnectionGauge::get).tag("relay", relay)
          .description("0 disconnected, 1 connecting, 2 syncing, 3 connected, 4 connected with failed batches, 5 disconnecting")
          .register(registry));
      meters.add(Gauge.builder("grasp.sync.relay.status", health, AtomicInteger::get).tag("relay", relay)
          .description("1 healthy, 2 disconnected, 3 degraded, 4 dead, 5 rate-limited").register(registry));
      meters.add(Gauge.builder("grasp.sync.relay.failures", failures, AtomicInteger::get).tag("relay", relay)
          .description("Consecutive failed connection attempts").register(registry));
      meters.add(Gauge.builder("grasp.sync.relay.subscriptions", subscriptions, AtomicInteger::get).tag("relay", relay)
          .description("Subscriptions open on the relay").register(registry));
      meters.add(Gauge.builder("grasp.sync.relay.pending.batches", pendingBatches, AtomicInteger::get).tag("relay", relay)
          .description("Batches whose history is not confirmed yet").register(registry));
      meters.add(Gauge.builder("grasp.sync.relay.live.overflow.filters", liveOverflow, AtomicInteger::get)
          .tag("relay", relay)
          .description("Filters the relay's limits leave without a live subscription; polled every minute")
          .register(registry));
      attemptsSucceeded = relayCounter(registry, "grasp.sync.connection.attempts", relay, "success",
          "WebSocket connection attempts, by result");
      attemptsFailed = relayCounter(registry, "grasp.sync.connection.attempts", relay, "failure",
          "WebSocket connection attempts, by result");
      gapEvents = relayCounter(registry, "grasp.sync.gap.events", relay, "",
          "Events a catch-up found new: live sync had missed them");
      batchesFailed = relayCounter(registry, "grasp.sync.batches.failed", relay, "",
          "Batches that failed for good, parked until the next daily resync");
      bytesReceived = relayCounter(registry, "grasp.sync.relay.received.bytes", relay, "",
          "WebSocket payload bytes received from the relay");
      eventsReceived = relayCounter(registry, "grasp.sync.relay.events", relay, "",
          "EVENT messages received from the relay, whatever happened to them");
      notices = relayCounter(registry, "grasp.sync.relay.notices", relay, "", "NOTICE messages from the relay");
      closedByRelay = relayCounter(registry, "grasp.sync.relay.closed", relay, "",
          "Subscriptions the relay ended with CLOSED");
      for (UnfinishedHistory.Reason reason : UnfinishedHistory.Reason.values()) {
        Counter c = Counter.builder("grasp.sync.history.incomplete.filters").tag("relay", relay)
            .tag("reason", reason.label())
            .description("History filters whose paging stopped short of the end (same_second, page_limit)")
            .register(registry);
        meters.add(c);
        historyIncomplete.put(reason, c);
      }
    }

    private Counter relayCounter(MeterRegistry registry, String name, String relay, String result, String description) {
      Counter.Builder b = Counter.builder(name).tag("relay", relay).description(description);
      if (!result.isEmpty()) {
        b.tag("result", result);
      }
      Counter c = b.register(registry);
      meters.add(c);
      return c;
    }

    private boolean connected() {
      int c = connection.get();
      return c >= ConnectionState.SYNCING.metricValue() && c <= ConnectionState.CONNECTED_WITH_FAILURES.metricValue();
    }
  }

  /**
   * The connection state gauge, which also times history syncs: from entering SYNCING to
   * reaching CONNECTED or CONNECTED_WITH_FAILURES. A sync cut short by a disconnect is not
   * recorded; the next connection starts a new one. Set on the worker's event loop only.
   */
  static final class ConnectionGauge {
    private final AtomicInteger value = new AtomicInteger(ConnectionState.DISCONNECTED.metricValue());
    private final Timer historySync;
    private final Clock clock;
    private long syncingSince = -1;

    ConnectionGauge(Timer historySync, Clock clock) {
      this.historySync = historySync;
      this.clock = clock;
    }

    int get() {
      return value.get();
    }

    /** {@code state} is a {@link ConnectionState#metricValue()}. */
    void set(int state) {
      value.set(state);
      if (state == ConnectionState.SYNCING.metricValue()) {
        if (syncingSince < 0) {
          syncingSince = clock.monotonicTime();
        }
      } else if (syncingSince >= 0) {
        if (state == ConnectionState.CONNECTED.metricValue() || state == ConnectionState.CONNECTED_WITH_FAILURES.metricValue()) {
          historySync.record(clock.monotonicTime() - syncingSince, TimeUnit.NANOSECONDS);
        }
        syncingSince = -1;
      }
    }
  }
}
