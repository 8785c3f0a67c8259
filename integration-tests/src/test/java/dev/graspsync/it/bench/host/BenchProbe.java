package dev.graspsync.it.bench.host;

import dev.graspsync.spi.AcceptedEvent;
import dev.graspsync.spi.RelayHost;
import dev.graspsync.spi.RelayPlugin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A second plugin in the host under test, registered after grasp-sync: counts stored events at
 * the host's event-accepted hook (the host starts empty, so that is the stored count), notes
 * when a target count is reached, timestamps events on demand (live latency), and samples
 * grasp-sync's per-relay gauges every 20 ms for the most subscriptions any relay carried (a
 * cross-check of the proxies' exact count; a relay's gauge found up to a second late is missed).
 */
final class BenchProbe implements RelayPlugin {
  private static final long SAMPLE_MILLIS = 20;
  private static final long REFRESH_GAUGES_NANOS = 1_000_000_000L;

  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong target = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong reachedAt = new AtomicLong(-1);
  private final AtomicLong lastAt = new AtomicLong(-1);
  private final AtomicLong maxSubscriptions = new AtomicLong();
  private final AtomicReference<String> maxSubscriptionsRelay = new AtomicReference<>("");
  private final Map<String, Long> watched = new ConcurrentHashMap<>();
  private volatile boolean watching;
  private volatile MeterRegistry meters;
  // touched by the sampler thread only: the gauge list is looked up once a second, not per sample
  private List<Gauge> subscriptionGauges = List.of();
  private long gaugesFoundAt;
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bench-probe-sampler");
    t.setDaemon(true);
    return t;
  });

  @Override
  public String id() {
    return "bench-probe";
  }

  @Override
  public void register(RelayHost host) {
    meters = host.meters();
    host.onEventAccepted(this::onAccepted);
    sampler.scheduleAtFixedRate(this::sample, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void onAccepted(AcceptedEvent e) {
    long now = System.nanoTime();
    long n = accepted.incrementAndGet();
    lastAt.set(now);
    if (n >= target.get()) {
      reachedAt.compareAndSet(-1, now);
    }
    if (watching) {
      watched.put(e.event().id(), now);
    }
  }

  private void sample() {
    long now = System.nanoTime();
    if (now - gaugesFoundAt > REFRESH_GAUGES_NANOS) {
      subscriptionGauges = List.copyOf(Search.in(meters).name("grasp.sync.relay.subscriptions").gauges());
      gaugesFoundAt = now;
    }
    for (Gauge g : subscriptionGauges) {
      long v = (long) g.value();
      if (v > maxSubscriptions.get()) {
        maxSubscriptions.set(v);
        maxSubscriptionsRelay.set(g.getId().getTag("relay"));
      }
    }
  }

  long accepted() {
    return accepted.get();
  }

  void target(long n) {
    reachedAt.set(-1);
    target.set(n);
    if (accepted.get() >= n) {
      reachedAt.compareAndSet(-1, System.nanoTime());
    }
  }

  /** nanoTime of the latest stored event; -1 before the first. */
  long lastAt() {
    return lastAt.get();
  }

  long reachedAt() {
    return reachedAt.get();
  }

  long maxSubscriptions() {
    return maxSubscriptions.get();
  }

  String maxSubscriptionsRelay() {
    return maxSubscriptionsRelay.get();
  }

  void resetMaxSubscriptions() {
    maxSubscriptions.set(0);
  }

  void watch() {
    watched.clear();
    watching = true;
  }

  Map<String, Long> watched() {
    watching = false;
    return Map.copyOf(watched);
  }

  /** Sum of a gauge over every relay, and the largest single value. */
  double[] gauge(String name) {
    double sum = 0;
    double max = 0;
    for (Gauge g : Search.in(meters).name(name).gauges()) {
      double v = g.value();
      sum += v;
      max = Math.max(max, v);
    }
    return new double[] {sum, max};
  }

  double counter(String name, String tag, String value) {
    return Search.in(meters).name(name).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  double counterTotal(String name) {
    return Search.in(meters).name(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  double single(String name) {
    return Search.in(meters).name(name).gauges().stream().mapToDouble(Gauge::value).sum();
  }

  void stop() {
    sampler.shutdownNow();
  }
}
