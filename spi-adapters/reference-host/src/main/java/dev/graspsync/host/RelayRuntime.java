package dev.graspsync.host;

import dev.graspsync.engine.EngineSettings;
import dev.graspsync.engine.RelayEngine;
import dev.graspsync.host.config.ConfigException;
import dev.graspsync.host.config.RelayConfig;
import dev.graspsync.host.config.RelayKey;
import dev.graspsync.host.metrics.RelayMetrics;
import dev.graspsync.host.nip11.RelayInfo;
import dev.graspsync.host.nip11.RelayInfoJson;
import dev.graspsync.host.plugins.PluginBootstrap;
import dev.graspsync.host.server.HttpRoutes;
import dev.graspsync.host.server.LiveFanout;
import dev.graspsync.host.server.RelayServerVerticle;
import dev.graspsync.host.server.RelayServices;
import dev.graspsync.host.server.ServerGate;
import dev.graspsync.host.server.ServerLimits;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.spi.AcceptedEvent;
import dev.graspsync.spi.RelayIdentity;
import dev.graspsync.spi.RelayPlugin;
import dev.graspsync.spi.hosting.Blocking;
import dev.graspsync.spi.hosting.PluginHooks;
import dev.graspsync.spi.hosting.PluginRoutes;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running relay: engine, server, plugins, in the order start-up needs them. The port is
 * bound first (closed to clients) so the relay knows its URL, then the store opens, plugins
 * register and run their startup hooks, and only then are clients let in.
 */
public final class RelayRuntime {
  private static final Logger log = LoggerFactory.getLogger(RelayRuntime.class);
  /** How long start-up waits for the plugins' startup hooks. */
  static final Duration STARTUP_HOOKS_BOUND = Duration.ofSeconds(30);
  private static final long BLOCKING_WAIT_SECONDS = 60;

  private final RelayConfig config;
  private final Vertx vertx;
  private final PrometheusMeterRegistry meters;
  private final ServerGate gate;
  private final List<String> deployments;
  private final RelayEngine engine;
  private final PluginHooks hooks;
  private final int port;
  private final String url;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private RelayRuntime(RelayConfig config, Vertx vertx, PrometheusMeterRegistry meters, ServerGate gate,
      List<String> deployments, RelayEngine engine, PluginHooks hooks, int port, String url) {
    this.config = config;
    this.vertx = vertx;
    this.meters = meters;
    this.gate = gate;
    this.deployments = List.copyOf(deployments);
    this.engine = engine;
    this.hooks = hooks;
    this.port = port;
    this.url = url;
  }

  public static RelayRuntime start(RelayConfig config) {
    return start(config, Clock.systemUTC());
  }

  /** Starts the relay, blocking the calling thread (not an event loop) until it serves. */
  public static RelayRuntime start(RelayConfig config, Clock clock) {
    Vertx vertx = Vertx.vertx();
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
    RelayMetrics metrics = new RelayMetrics(meters);
    Optional<RelayEngine> engine = Optional.empty();
    try {
      List<RelayPlugin> plugins = PluginBootstrap.find(config, RelayRuntime.class.getClassLoader());
      RelayInfo info = RelayInfo.of(config, Version.current());
      String infoJson = RelayInfoJson.write(info);
      ServerGate gate = new ServerGate();
      LiveFanout fanout = new LiveFanout();
      PluginRoutes pluginRoutes = new PluginRoutes(metrics::pluginError);
      HttpRoutes routes = new HttpRoutes(() -> infoJson, meters::scrape, () -> gate.services().isPresent(), pluginRoutes);
      int hardBytes = ServerLimits.of(config).hardMessageBytes();

      // One server verticle per core on a fixed port (Vert.x shares it among them). Port 0
      // (tests) gets one instance: Vert.x would give every instance its own free port, and
      // probing for a port then binding it again races with other processes.
      int instances = config.port() == 0 ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
      List<RelayServerVerticle> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
      List<String> deployments = List.of(await(vertx.deployVerticle(() -> {
        RelayServerVerticle server = new RelayServerVerticle(config.host(), config.port(), hardBytes, gate, fanout, routes,
            config.compression());
        servers.add(server);
        return server;
      }, new DeploymentOptions().setInstances(instances)), "listen on " + config.host() + ":" + config.port()));
      int port = servers.get(0).actualPort();

      List<String> urls = config.ownUrls(port);
      engine = Optional.of(RelayEngine.open(vertx, new EngineSettings(config.dataDir(), config.policy(), urls,
          config.maxLimit(), config.maxEventTags(), config.effectiveVerifyThreads()), meters));
      RelayEngine open = engine.get();

      PluginHooks hooks = new PluginHooks(vertx.getOrCreateContext(), metrics::pluginError);
      RelayIdentity identity = new RelayIdentity(urls, authKeys(config));
      PluginBootstrap.register(plugins, config, vertx, identity, meters, open, hooks, Optional.of(pluginRoutes));
      open.addListener(accepted -> {
        fanout.publish(accepted);
        if (accepted.stored()) {
          hooks.eventAccepted(new AcceptedEvent(accepted.event(), accepted.source()));
        }
      });
      await(hooks.runStartup(STARTUP_HOOKS_BOUND), "run plugin startup hooks");

      gate.open(new RelayServices(open, ServerLimits.of(config), metrics, clock, config.negentropy()));
      log.info("relay {} serving {} with policy {} and plugins {}", urls.get(0), config.dataDir().toAbsolutePath(),
          config.policy(), config.plugins());
      return new RelayRuntime(config, vertx, meters, gate, deployments, open, hooks, port, urls.get(0));
    } catch (RuntimeException | Error e) {
      engine.ifPresent(RelayEngine::close);
      closeQuietly(vertx);
      meters.close();
      throw e;
    }
  }

  /**
   * A port the system considers free on relay.host. Vert.x shares a port among server
   * instances only when it is given explicitly, so port 0 is resolved first by binding once.
   */
  public int port() {
    return port;
  }

  /** The primary public URL (with the bound port when relay.port was 0). */
  public String url() {
    return url;
  }

  /** The address clients on this machine connect to. */
  public String listenUrl() {
    return "ws://" + config.host() + ":" + port;
  }

  public RelayConfig config() {
    return config;
  }

  /** The relay's engine, for code embedding the relay (and tests) that listen to what it accepts. */
  public RelayEngine engine() {
    return engine;
  }

  /**
   * Stops: refuse new clients, close the sockets, run the plugins' shutdown hooks (bounded
   * by the grace period), close the store (flushing it). Idempotent; blocks the caller.
   */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    log.info("relay shutting down");
    gate.close();
    for (String id : deployments) {
      try {
        await(vertx.undeploy(id), "close server");
      } catch (RuntimeException e) {
        log.warn("closing the server failed", e);
      }
    }
    try {
      await(hooks.runShutdown(config.shutdownGrace()), "run plugin shutdown hooks");
    } catch (RuntimeException e) {
      log.warn("plugin shutdown hooks did not finish", e);
    }
    try {
      engine.close();
    } catch (RuntimeException e) {
      log.error("closing the store failed", e);
    }
    closeQuietly(vertx);
    meters.close();
    log.info("relay stopped");
  }

  private static Optional<Keys> authKeys(RelayConfig config) {
    return config.authSecretKey().map(hex -> {
      try {
        return Keys.fromSecretHex(hex);
      } catch (RuntimeException e) {
        throw new ConfigException("bad value for " + RelayKey.AUTH_SECRET_KEY.key()
            + ": not a usable secp256k1 secret key");
      }
    });
  }

  private static void closeQuietly(Vertx vertx) {
    Blocking.close(vertx, Duration.ofSeconds(BLOCKING_WAIT_SECONDS));
  }

  private static <T> T await(Future<T> future, String what) {
    return Blocking.await(future, Duration.ofSeconds(BLOCKING_WAIT_SECONDS), what, StartupException::new);
  }
}
