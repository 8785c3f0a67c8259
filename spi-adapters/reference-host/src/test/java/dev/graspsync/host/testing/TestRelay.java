package dev.graspsync.host.testing;

import dev.graspsync.host.RelayRuntime;
import dev.graspsync.host.config.RelayConfig;
import dev.graspsync.host.config.RelayConfigParser;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Starts an in-process relay on a free loopback port with a fresh RocksDB directory. */
public final class TestRelay {
  private TestRelay() {}

  /** Open policy, port 0, generous rate limit, plus {@code overrides}. */
  public static RelayConfig config(Path dataDir, Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    values.put("relay.port", "0");
    values.put("relay.data-dir", dataDir.toString());
    values.put("relay.policy", "open");
    values.put("relay.events-per-second", "100000");
    values.put("relay.verify-threads", "2");
    values.put("relay.plugins-dir", dataDir.resolve("no-plugins").toString());
    values.putAll(overrides);
    return RelayConfigParser.parse(values);
  }

  public static RelayRuntime start(Path dataDir, Map<String, String> overrides) {
    return RelayRuntime.start(config(dataDir, overrides));
  }

  public static RelayRuntime start(Path dataDir, Map<String, String> overrides, Clock clock) {
    return RelayRuntime.start(config(dataDir, overrides), clock);
  }
}
