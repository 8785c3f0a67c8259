package dev.graspsync.it.host;

import dev.graspsync.host.RelayRuntime;
import dev.graspsync.host.config.RelayConfigParser;
import dev.graspsync.it.harness.NostrTestClient;
import dev.graspsync.nostr.event.Event;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference host relay, in-process, as an external relay the plugin syncs from: open
 * policy (it stores whatever it is given, like a public relay), a free loopback port, its own
 * RocksDB under {@code dataDir}. {@link #restart()} brings it back on the same port with the
 * same data, as a relay restarted by its operator.
 */
public final class ReferenceRelay implements AutoCloseable {
  private final Path dataDir;
  private final Map<String, String> settings;
  private RelayRuntime runtime;

  private ReferenceRelay(Path dataDir, Map<String, String> settings) {
    this.dataDir = dataDir;
    this.settings = settings;
  }

  /** An open relay in {@code dataDir}; {@code extra} are further {@code relay.*} settings (e.g. relay.max-limit). */
  public static ReferenceRelay start(Path dataDir, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>();
    settings.put("relay.port", "0");
    settings.put("relay.policy", "open");
    settings.put("relay.data-dir", dataDir.toString());
    settings.put("relay.plugins-dir", dataDir.resolve("no-plugins").toString());
    settings.put("relay.events-per-second", "1000000");
    settings.put("relay.verify-threads", "1");
    settings.put("relay.shutdown-grace-seconds", "1");
    settings.putAll(extra);
    ReferenceRelay relay = new ReferenceRelay(dataDir, settings);
    relay.runtime = RelayRuntime.start(RelayConfigParser.parse(settings));
    return relay;
  }

  public static ReferenceRelay start(Path dataDir) {
    return start(dataDir, Map.of());
  }

  public String url() {
    return runtime.listenUrl();
  }

  public int port() {
    return runtime.port();
  }

  /** Publishes every event through a client connection; fails if the relay refuses one. */
  public ReferenceRelay publish(Vertx vertx, List<Event> events) {
    try (NostrTestClient client = NostrTestClient.connect(vertx, url())) {
      client.publishAll(events);
    }
    return this;
  }

  /** Stops the relay (its clients lose their connections). */
  public void stop() {
    runtime.stop();
  }

  /** Starts it again on the same port with the same data. */
  public void restart() {
    int port = runtime.port();
    runtime.stop();
    Map<String, String> again = new HashMap<>(settings);
    again.put("relay.port", Integer.toString(port));
    runtime = RelayRuntime.start(RelayConfigParser.parse(again));
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    runtime.stop();
  }
}
