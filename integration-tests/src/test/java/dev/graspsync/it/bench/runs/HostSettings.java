package dev.graspsync.it.bench.runs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * grasp-sync's properties in the benchmarks: defaults, except the bootstrap relays, loopback
 * allowed (every relay here is on 127.0.0.1), and no start-up jitter (it spreads reconnections
 * after a restart over 3 s; here it would only add up to 3 s to every figure).
 */
final class HostSettings {
  private HostSettings() {}

  static Map<String, String> plugin(List<String> bootstrapRelays) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("bootstrap-relays", String.join(",", bootstrapRelays));
    p.put("allow-private-addresses", "true");
    p.put("startup-jitter-ms", "0");
    return p;
  }
}
