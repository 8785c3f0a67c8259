package dev.graspsync.it.host;

import dev.graspsync.engine.AcceptancePolicyKind;
import dev.graspsync.engine.EngineSettings;
import dev.graspsync.engine.RelayEngine;
import dev.graspsync.it.harness.Meters;
import dev.graspsync.nostr.crypto.Keys;
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
import dev.graspsync.sync.GraspSyncPlugin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The host side of the SPI built from the reference host's real engine (RocksDB store, GRASP-01
 * policy, ingest pipeline) but without its WebSocket server, so a test can drive one plugin
 * in-process: its own URL is never dialled, only compared. Its registry is the Prometheus one
 * the reference host exports at {@code /metrics}, so {@link #scrape()} shows the names
 * operators see.
 */
public final class EmbeddedHost implements RelayHost, AutoCloseable {
  /** The URL these hosts call their own in tests: announcements that list it are hosted. */
  public static final String OWN_URL = "ws://127.0.0.1:9";
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final RelayEngine engine;
  private final PluginConfig config;
  private final RelayIdentity identity;
  private final Path dataDir;
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<Supplier<Future<Void>>> startup = new ArrayList<>();
  private final List<Consumer<AcceptedEvent>> accepted = new CopyOnWriteArrayList<>();
  private final List<Supplier<Future<Void>>> shutdown = new ArrayList<>();
  private final List<Event> acceptedLog = new CopyOnWriteArrayList<>();
  private final Map<String, Long> acceptedAtNanos = new ConcurrentHashMap<>();
  private final Map<String, Handler<HttpServerRequest>> http = new ConcurrentHashMap<>();
  private Optional<HttpServer> httpServer = Optional.empty();
  private boolean closed;

  private EmbeddedHost(Builder b) {
    this.vertx = b.vertx;
    this.dataDir = b.dataDir;
    this.engine = RelayEngine.open(vertx, EngineSettings.defaults(dataDir, b.policy, List.of(b.ownUrl)), meters);
    this.config = new PluginConfig("plugins.grasp-sync.", b.settings);
    this.identity = new RelayIdentity(List.of(b.ownUrl), b.authKeys);
    engine.addListener(e -> {
      if (e.stored()) {
        acceptedAtNanos.putIfAbsent(e.event().id(), System.nanoTime());
        acceptedLog.add(e.event());
        AcceptedEvent ae = new AcceptedEvent(e.event(), e.source());
        accepted.forEach(h -> h.accept(ae));
      }
    });
  }

  public static Builder builder(Vertx vertx, Path dataDir) {
    return new Builder(vertx, dataDir);
  }

  /** Opens the store in {@code dataDir}, registers the plugin and runs its startup hooks. */
  public static EmbeddedHost start(Vertx vertx, Path dataDir, String ownUrl, Map<String, String> props, RelayPlugin plugin) {
    return builder(vertx, dataDir).ownUrl(ownUrl).settings(props).start(plugin);
  }

  /** How a test host is made: data directory, own URL, plugin settings, NIP-42 key, policy. */
  public static final class Builder {
    private final Vertx vertx;
    private final Path dataDir;
    private String ownUrl = OWN_URL;
    private Map<String, String> settings = Map.of();
    private Optional<Keys> authKeys = Optional.empty();
    private AcceptancePolicyKind policy = AcceptancePolicyKind.GRASP;

    private Builder(Vertx vertx, Path dataDir) {
      this.vertx = vertx;
      this.dataDir = dataDir;
    }

    public Builder ownUrl(String url) {
      this.ownUrl = url;
      return this;
    }

    /** The plugin's properties, without the {@code plugins.grasp-sync.} prefix. */
    public Builder settings(Map<String, String> settings) {
      this.settings = Map.copyOf(settings);
      return this;
    }

    /** The key the plugin answers NIP-42 challenges with. */
    public Builder authKeys(Keys keys) {
      this.authKeys = Optional.of(keys);
      return this;
    }

    public Builder policy(AcceptancePolicyKind policy) {
      this.policy = policy;
      return this;
    }

    public EmbeddedHost start(RelayPlugin plugin) {
      EmbeddedHost host = new EmbeddedHost(this);
      try {
        plugin.register(host);
        for (Supplier<Future<Void>> s : host.startup) {
          s.get().await();
        }
      } catch (RuntimeException e) {
        host.close();
        throw e;
      }
      return host;
    }

    public EmbeddedHost start() {
      return start(new GraspSyncPlugin());
    }
  }

  /** Every event stored, from any source, in store order. */
  public List<Event> accepted() {
    return List.copyOf(acceptedLog);
  }

  /** When (System.nanoTime) the event was stored, if it was. */
  public OptionalLong acceptedAt(String eventId) {
    Long at = acceptedAtNanos.get(eventId);
    return at == null ? OptionalLong.empty() : OptionalLong.of(at);
  }

  public long count(Filter filter) {
    return engine.count(List.of(filter)).await();
  }

  public boolean has(String eventId) {
    return engine.store().contains(eventId).await();
  }

  /** The stored event, exactly as stored. */
  public Optional<Event> get(String eventId) {
    List<Event> found = engine.store().query(List.of(Filter.builder().ids(List.of(eventId)).build())).await();
    return found.stream().findFirst();
  }

  /** Which of {@code ids} are not stored. */
  public List<String> missing(List<String> ids) {
    var stored = engine.store().containsAll(ids).await();
    return ids.stream().filter(id -> !stored.contains(id)).toList();
  }

  public IngestVerdict publish(Event event) {
    return engine.ingest(event, IngestSource.client("test")).await();
  }

  /** The registry's text exposition, as {@code /metrics} serves it. */
  public String scrape() {
    return meters.scrape();
  }

  /** {@code grasp_sync_relay_connected} of {@code relay}: 0..5, or -1 while the relay is not tracked. */
  public int connectionState(String relay) {
    return Meters.gaugeOr(meters, "grasp.sync.relay.connected", "relay", relay);
  }

  /** {@code grasp_sync_relay_status} of {@code relay}: 1..5, or -1 while the relay is not tracked. */
  public int health(String relay) {
    return Meters.gaugeOr(meters, "grasp.sync.relay.status", "relay", relay);
  }

  /**
   * GET {@code path} from what the plugin serves ({@code /sync/status}, {@code /sync}), over a
   * loopback HTTP server started on first use: the body, as an operator's client would see it.
   */
  public synchronized String httpGet(String path) {
    if (httpServer.isEmpty()) {
      HttpServer server = vertx.createHttpServer().requestHandler(req -> http.getOrDefault(req.path(),
          r -> r.response().setStatusCode(404).end()).handle(req));
      httpServer = Optional.of(server.listen(0, "127.0.0.1").await());
    }
    int port = httpServer.get().actualPort();
    var client = vertx.createHttpClient();
    try {
      return client.request(HttpMethod.GET, port, "127.0.0.1", path)
          .compose(r -> r.send().compose(res -> res.body()))
          .await().toString();
    } finally {
      client.close();
    }
  }

  @Override
  public boolean serveHttp(String path, Handler<HttpServerRequest> handler) {
    if (http.putIfAbsent(path, handler) != null) {
      throw new IllegalArgumentException(path + " is served already");
    }
    return true;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    httpServer.ifPresent(s -> s.close().await());
    boolean stuck = false;
    for (Supplier<Future<Void>> s : shutdown) {
      try {
        // bounded like the reference host's shutdown grace: a hanging plugin must not hang the suite
        s.get().toCompletionStage().toCompletableFuture().get(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        stuck = true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | RuntimeException e) {
        // a failing shutdown hook must not keep the store open
      }
    }
    engine.close();
    meters.close();
    if (stuck) {
      throw new AssertionError("the plugin's shutdown did not finish within " + SHUTDOWN_GRACE.toSeconds() + " s");
    }
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
