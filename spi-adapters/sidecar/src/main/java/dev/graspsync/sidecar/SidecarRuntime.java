package dev.graspsync.sidecar;

import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.sidecar.client.Backoff;
import dev.graspsync.sidecar.client.RelayLink;
import dev.graspsync.sidecar.config.SidecarConfig;
import dev.graspsync.sidecar.config.SidecarKey;
import dev.graspsync.sidecar.http.SidecarHttp;
import dev.graspsync.sidecar.ingest.EventWriter;
import dev.graspsync.sidecar.live.LiveFeed;
import dev.graspsync.sidecar.metrics.SidecarMetrics;
import dev.graspsync.sidecar.plugins.SidecarPlugins;
import dev.graspsync.sidecar.store.RemoteStore;
import dev.graspsync.spi.AcceptedEvent;
import dev.graspsync.spi.IngestSource;
import dev.graspsync.spi.RelayIdentity;
import dev.graspsync.spi.RelayPlugin;
import dev.graspsync.spi.hosting.Blocking;
import dev.graspsync.spi.hosting.HostConfigException;
import dev.graspsync.spi.hosting.HostEndpoints;
import dev.graspsync.spi.hosting.PluginHooks;
import dev.graspsync.spi.hosting.PluginRoutes;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sidecar: the link to the operator's relay, the store and writer over it, the live
 * feed, the HTTP port and the plugins, started in the order they need each other. The plugins'
 * startup hooks run once the relay has been reached (start-up waits for it, retrying with
 * backoff); the live subscription is open before they run, so nothing stored meanwhile is
 * missed.
 */
public final class SidecarRuntime {
  private static final Logger log = LoggerFactory.getLogger(SidecarRuntime.class);
  static final Duration STARTUP_HOOKS_BOUND = Duration.ofSeconds(30);
  private static final long BLOCKING_WAIT_SECONDS = 60;

  private final SidecarConfig config;
  private final Vertx vertx;
  private final PrometheusMeterRegistry meters;
  private final RelayLink link;
  private final EventWriter writer;
  private final PluginHooks hooks;
  private final List<String> deployments;
  private final int httpPort;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private SidecarRuntime(SidecarConfig config, Vertx vertx, PrometheusMeterRegistry meters, RelayLink link,
      EventWriter writer, PluginHooks hooks, List<String> deployments, int httpPort) {
    this.config = config;
    this.vertx = vertx;
    this.meters = meters;
    this.link = link;
    this.writer = writer;
    this.hooks = hooks;
    this.deployments = List.copyOf(deployments);
    this.httpPort = httpPort;
  }

  /** Starts the sidecar, blocking the calling thread (not an event loop) until the plugins run. */
  public static SidecarRuntime start(SidecarConfig config) {
    Clock clock = Clock.systemUTC();
    Vertx vertx = Vertx.vertx();
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
    SidecarMetrics metrics = new SidecarMetrics(meters);
    List<String> deployments = new ArrayList<>();
    try {
      List<RelayPlugin> plugins = SidecarPlugins.find(config, SidecarRuntime.class.getClassLoader());
      Optional<Keys> keys = authKeys(config);

      RelayLink link = new RelayLink(new RelayLink.Settings(config.relayUrl(), config.publicUrls().get(0), keys,
          config.maxOpenReqs(), config.requestTimeout(), Backoff.upTo(config.reconnectMax())), clock);
      deployments.add(await(vertx.deployVerticle(link), "start the relay connection"));
      metrics.relayConnected(link::connected);
      metrics.relayReconnects(link, RelayLink::reconnects);
      RemoteStore store = new RemoteStore(link, config.pageSize(), config.idsPerReq());

      AtomicBoolean serving = new AtomicBoolean();
      PluginRoutes routes = new PluginRoutes(metrics::pluginError);
      SidecarHttp http = new SidecarHttp(config.httpHost(), config.httpPort(),
          new HostEndpoints(meters::scrape, () -> serving.get() && link.connected()), routes);
      deployments.add(await(vertx.deployVerticle(http), "listen on " + config.httpHost() + ":" + config.httpPort()));

      PluginHooks hooks = new PluginHooks(vertx.getOrCreateContext(), metrics::pluginError);
      IngestSource relaySource = IngestSource.client(config.relayUrl());
      LiveFeed live = new LiveFeed(link, store, config.liveKinds(), config.liveOverlap(), event -> {
        metrics.liveEvent();
        hooks.eventAccepted(new AcceptedEvent(event, relaySource));
      });
      EventWriter writer = new EventWriter(link, config.maxEventsInFlight(), Backoff.upTo(config.reconnectMax()),
          keys.isPresent(), metrics, live::offer);
      SidecarPlugins.register(plugins, config, new SidecarPlugins.Shared(vertx, identity(config, keys), meters, hooks,
          routes, store, writer));
      live.start();

      awaitRelay(link, config);
      await(hooks.runStartup(STARTUP_HOOKS_BOUND), "run plugin startup hooks");
      serving.set(true);
      log.info("sidecar serving {} for relay {} with plugins {}", config.publicUrls(), config.relayUrl(), config.plugins());
      return new SidecarRuntime(config, vertx, meters, link, writer, hooks, deployments, http.actualPort());
    } catch (RuntimeException | Error e) {
      closeQuietly(vertx);
      meters.close();
      throw e;
    }
  }

  /** The HTTP port actually bound. */
  public int httpPort() {
    return httpPort;
  }

  public String httpUrl() {
    return "http://" + config.httpHost() + ":" + httpPort;
  }

  public boolean relayConnected() {
    return link.connected();
  }

  /**
   * Stops: the plugins' shutdown hooks, then what they handed over is written (both bounded by
   * the grace period), then the connection closes. Idempotent; blocks the caller.
   */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    log.info("sidecar shutting down");
    try {
      await(hooks.runShutdown(config.shutdownGrace()), "run plugin shutdown hooks");
      await(writer.idle().timeout(Math.max(1, config.shutdownGrace().toMillis()), TimeUnit.MILLISECONDS),
          "write the last events");
    } catch (RuntimeException e) {
      log.warn("stopping: {} ({} events not written)", e.getMessage(), writer.waiting());
    }
    for (int i = deployments.size() - 1; i >= 0; i--) {
      try {
        await(vertx.undeploy(deployments.get(i)), "stop");
      } catch (RuntimeException e) {
        log.warn("stopping a part failed", e);
      }
    }
    closeQuietly(vertx);
    meters.close();
    log.info("sidecar stopped");
  }

  private static void awaitRelay(RelayLink link, SidecarConfig config) {
    long warnAt = System.nanoTime();
    while (!link.connected()) {
      if (System.nanoTime() - warnAt > TimeUnit.SECONDS.toNanos(10)) {
        log.warn("waiting for the relay at {} ({}) to accept a connection", config.relayUrl(), SidecarKey.RELAY_URL.key());
        warnAt = System.nanoTime();
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the relay", e);
      }
    }
  }

  /** The public URLs, then the URL the sidecar dials: the plugin must never sync from either. */
  private static RelayIdentity identity(SidecarConfig config, Optional<Keys> keys) {
    List<String> urls = new ArrayList<>(config.publicUrls());
    if (!urls.contains(config.relayUrl())) {
      urls.add(config.relayUrl());
    }
    return new RelayIdentity(urls, keys);
  }

  private static Optional<Keys> authKeys(SidecarConfig config) {
    return config.authSecretKey().map(hex -> {
      try {
        return Keys.fromSecretHex(hex);
      } catch (RuntimeException e) {
        throw new HostConfigException("bad value for " + SidecarKey.AUTH_SECRET_KEY.key()
            + ": not a usable secp256k1 secret key");
      }
    });
  }

  private static void closeQuietly(Vertx vertx) {
    Blocking.close(vertx, Duration.ofSeconds(BLOCKING_WAIT_SECONDS));
  }

  private static <T> T await(Future<T> future, String what) {
    return Blocking.await(future, Duration.ofSeconds(BLOCKING_WAIT_SECONDS), what, IllegalStateException::new);
  }
}
