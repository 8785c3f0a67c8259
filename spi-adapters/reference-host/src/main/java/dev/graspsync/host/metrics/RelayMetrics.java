package dev.graspsync.host.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host's own meters (names start with {@code relay_} in Prometheus). Counters are looked
 * up once and cached, so counting on a hot path is one map read.
 */
public final class RelayMetrics {
  private final MeterRegistry registry;
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong subscriptions = new AtomicLong();
  private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final FanoutMetrics fanout;

  public RelayMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("relay.connections", connections, AtomicLong::get)
        .description("Open client WebSocket connections")
        .register(registry);
    Gauge.builder("relay.subscriptions", subscriptions, AtomicLong::get)
        .description("Open REQ subscriptions over all connections")
        .register(registry);
    fanout = new FanoutMetrics(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Live fan-out and outbound compression. */
  public FanoutMetrics fanout() {
    return fanout;
  }

  public void connectionOpened() {
    connections.incrementAndGet();
    count("relay.connections.opened", "", "");
  }

  public void connectionClosed() {
    connections.decrementAndGet();
  }

  public void subscriptionsChanged(int delta) {
    subscriptions.addAndGet(delta);
  }

  /** A client message received, by type (EVENT, REQ, ...). */
  public void message(String type) {
    count("relay.messages", "type", type);
  }

  /** The outcome of a client's EVENT: accepted, duplicate, or the refusal's prefix. */
  public void eventResult(String result) {
    count("relay.events", "result", result);
  }

  /** A client message dropped or refused before it reached the engine, by why. */
  public void badMessage(String reason) {
    count("relay.bad.messages", "reason", reason);
  }

  /** An unexpected exception while handling one client message (the connection survives). */
  public void handlerError() {
    count("relay.handler.errors", "", "");
  }

  /** A plugin hook that threw or failed. */
  public void pluginError(String pluginId) {
    count("relay.plugin.errors", "plugin", pluginId);
  }

  /** A live subscription closed because its client could not keep up. */
  public void slowConsumer() {
    count("relay.slow.consumers", "", "");
  }

  private void count(String name, String tag, String value) {
    String cacheKey = name + '|' + value;
    counters.computeIfAbsent(cacheKey, k -> {
      Counter.Builder b = Counter.builder(name);
      if (!tag.isEmpty()) {
        b.tag(tag, value);
      }
      return b.register(registry);
    }).increment();
  }
}
