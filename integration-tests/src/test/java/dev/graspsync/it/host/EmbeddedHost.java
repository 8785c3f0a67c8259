package dev.graspsync.it.host;

import dev.graspsync.engine.AcceptancePolicyKind;
import dev.graspsync.engine.EngineSettings;
import dev.graspsync.engine.RelayEngine;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.spi.AcceptedEvent;
import dev.graspsync.spi.EventStore;
import dev.graspsync.spi.IngestSource;
import dev.graspsync.spi.IngestVerdict;
import dev.graspsync.spi.PluginConfig;
import dev.graspsync.spi.RelayHost;
import dev.graspsync.spi.RelayIdentity;
import dev.graspsync.spi.RelayPlugin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The host side of the SPI built from the reference host's real engine (RocksDB store, GRASP-01
 * policy, ingest pipeline) but without its WebSocket server, so a test can drive one plugin
 * in-process: its own URL is never dialled, only compared.
 */
public final class EmbeddedHost implements RelayHost, AutoCloseable {
  private final Vertx vertx;
  private final RelayEngine engine;
  private final PluginConfig config;
  private final RelayIdentity identity;
  private final Path dataDir;
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final List<Supplier<Future<Void>>> startup = new ArrayList<>();
  private final List<Consumer<AcceptedEvent>> accepted = new CopyOnWriteArrayList<>();
  private final List<Supplier<Future<Void>>> shutdown = new ArrayList<>();
  private final List<Event> acceptedLog = new CopyOnWriteArrayList<>();

  private EmbeddedHost(Vertx vertx, Path dataDir, String ownUrl, Map<String, String> pluginProperties, AcceptancePolicyKind policy) {
    this.vertx = vertx;
    this.dataDir = dataDir;
    this.engine = RelayEngine.open(vertx, EngineSettings.defaults(dataDir, policy, List.of(ownUrl)), meters);
    this.config = new PluginConfig("plugins.grasp-sync.", pluginProperties);
    this.identity = new RelayIdentity(List.of(ownUrl), Optional.empty());
    engine.addListener(e -> {
      if (e.stored()) {
        acceptedLog.add(e.event());
        AcceptedEvent ae = new AcceptedEvent(e.event(), e.source());
        accepted.forEach(h -> h.accept(ae));
      }
    });
  }

  /** Opens the store in {@code dataDir}, registers the plugin and runs its startup hooks. */
  public static EmbeddedHost start(Vertx vertx, Path dataDir, String ownUrl, Map<String, String> props, RelayPlugin plugin) {
    return start(vertx, dataDir, ownUrl, props, plugin, AcceptancePolicyKind.GRASP);
  }

  public static EmbeddedHost start(Vertx vertx, Path dataDir, String ownUrl, Map<String, String> props,
      RelayPlugin plugin, AcceptancePolicyKind policy) {
    EmbeddedHost host = new EmbeddedHost(vertx, dataDir, ownUrl, props, policy);
    plugin.register(host);
    for (Supplier<Future<Void>> s : host.startup) {
      s.get().await();
    }
    return host;
  }

  /** Every event stored, from any source, in store order. */
  public List<Event> accepted() {
    return List.copyOf(acceptedLog);
  }

  public long count(Filter filter) {
    return engine.count(List.of(filter)).await();
  }

  public boolean has(String eventId) {
    return engine.store().contains(eventId).await();
  }

  public IngestVerdict publish(Event event) {
    return engine.ingest(event, IngestSource.client("test")).await();
  }

  @Override
  public void close() {
    for (Supplier<Future<Void>> s : shutdown) {
      try {
        s.get().await();
      } catch (RuntimeException e) {
        // a failing shutdown hook must not keep the store open
      }
    }
    engine.close();
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public PluginConfig config() {
    return config;
  }

  @Override
  public RelayIdentity identity() {
    return identity;
  }

  @Override
  public Path dataDir() {
    Path dir = dataDir.resolve("plugins").resolve("grasp-sync");
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return dir;
  }

  @Override
  public MeterRegistry meters() {
    return meters;
  }

  @Override
  public EventStore store() {
    return engine.store();
  }

  @Override
  public Future<IngestVerdict> ingest(Event event, IngestSource source) {
    return engine.ingest(event, source);
  }

  @Override
  public void onStartup(Supplier<Future<Void>> handler) {
    startup.add(handler);
  }

  @Override
  public void onEventAccepted(Consumer<AcceptedEvent> handler) {
    accepted.add(handler);
  }

  @Override
  public void onShutdown(Supplier<Future<Void>> handler) {
    shutdown.add(handler);
  }

  public static Duration deadline() {
    return Duration.ofSeconds(30);
  }
}
