package dev.graspsync.it.harness;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.util.OptionalDouble;

/**
 * Reads a host's Micrometer registry the way a scrape would, by meter name (Micrometer's
 * dotted form: {@code grasp.sync.events} is exported as {@code grasp_sync_events_total}) and
 * tags. Tags not given match any value.
 */
public final class Meters {
  private Meters() {}

  /** The sum of every counter called {@code name} whose tags include {@code tags} (key, value, ...); 0 when none. */
  public static double counter(MeterRegistry registry, String name, String... tags) {
    return search(registry, name, tags).counters().stream().mapToDouble(Counter::count).sum();
  }

  /** The gauge's value, when one with these tags is registered. */
  public static OptionalDouble gauge(MeterRegistry registry, String name, String... tags) {
    Gauge gauge = search(registry, name, tags).gauge();
    return gauge == null ? OptionalDouble.empty() : OptionalDouble.of(gauge.value());
  }

  /** The gauge's value as an int, or -1 when it is not registered. */
  public static int gaugeOr(MeterRegistry registry, String name, String... tags) {
    OptionalDouble v = gauge(registry, name, tags);
    return v.isPresent() ? (int) v.getAsDouble() : -1;
  }

  private static Search search(MeterRegistry registry, String name, String... tags) {
    if (tags.length % 2 != 0) {
      throw new IllegalArgumentException("tags come in key, value pairs");
    }
    return registry.find(name).tags(tags);
  }
}
