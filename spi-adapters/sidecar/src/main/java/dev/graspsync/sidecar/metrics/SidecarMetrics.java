package dev.graspsync.sidecar.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.ToLongFunction;

/** The sidecar's own meters (names start with {@code sidecar_} in Prometheus). */
public final class SidecarMetrics {
  private final MeterRegistry registry;
  private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

  public SidecarMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** 1 while the WebSocket to the operator's relay is open. */
  public void relayConnected(BooleanSupplier connected) {
    Gauge.builder("sidecar.relay.connected", () -> connected.getAsBoolean() ? 1 : 0)
        .description("1 while the connection to the operator's relay is open")
        .register(registry);
  }

  /** Micrometer holds {@code owner} weakly: pass an object that lives as long as the sidecar. */
  public <T> void relayReconnects(T owner, ToLongFunction<T> reconnects) {
    FunctionCounter.builder("sidecar.relay.reconnects", owner, o -> reconnects.applyAsLong(o))
        .description("Connections to the operator's relay made after the first")
        .register(registry);
  }

  public void writeQueue(IntSupplier waiting) {
    Gauge.builder("sidecar.write.queue", waiting::getAsInt)
        .description("Events waiting to be written to the operator's relay or awaiting its OK")
        .register(registry);
  }

  /** An EVENT's outcome: accepted, duplicate, rejected, retried (rate-limited), resent (connection lost). */
  public void write(String result) {
    count("sidecar.writes", "result", result);
  }

  /** An event of the live subscription handed to the plugins' event-accepted hooks. */
  public void liveEvent() {
    count("sidecar.live.events", "", "");
  }

  /** A plugin hook or HTTP handler that threw or failed. */
  public void pluginError(String pluginId) {
    count("sidecar.plugin.errors", "plugin", pluginId);
  }

  private void count(String name, String tag, String value) {
    counters.computeIfAbsent(name + '|' + value, k -> {
      Counter.Builder b = Counter.builder(name);
      if (!tag.isEmpty()) {
        b.tag(tag, value);
      }
      return b.register(registry);
    }).increment();
  }
}
