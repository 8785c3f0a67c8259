package dev.graspsync.host.plugins;

import dev.graspsync.engine.RelayEngine;
import dev.graspsync.host.server.PluginRoutes;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.spi.AcceptedEvent;
import dev.graspsync.spi.EventStore;
import dev.graspsync.spi.IngestSource;
import dev.graspsync.spi.IngestVerdict;
import dev.graspsync.spi.PluginConfig;
import dev.graspsync.spi.RelayHost;
import dev.graspsync.spi.RelayIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** What the reference host offers one plugin: its slice of config, data and hooks. */
final class PluginHost implements RelayHost {
  private final String pluginId;
  private final Vertx vertx;
  private final PluginConfig config;
  private final RelayIdentity identity;
  private final Path dataDir;
  private final MeterRegistry meters;
  private final RelayEngine engine;
  private final PluginHooks hooks;
  private final Optional<PluginRoutes> routes;

  PluginHost(String pluginId, Vertx vertx, PluginConfig config, RelayIdentity identity, Path dataDir,
      MeterRegistry meters, RelayEngine engine, PluginHooks hooks, Optional<PluginRoutes> routes) {
    this.pluginId = pluginId;
    this.vertx = vertx;
    this.config = config;
    this.identity = identity;
    this.dataDir = dataDir;
    this.meters = meters;
    this.engine = engine;
    this.hooks = hooks;
    this.routes = routes;
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
    return dataDir;
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
    Context caller = Vertx.currentContext();
    Future<IngestVerdict> verdict;
    try {
      verdict = engine.ingest(event, source);
    } catch (RuntimeException e) {
      verdict = Future.failedFuture(e);
    }
    if (caller == null) {
      return verdict;
    }
    // The SPI promises completion on the caller's context, whatever thread the store used.
    Thread callerThread = Thread.currentThread();
    Promise<IngestVerdict> onCaller = Promise.promise();
    verdict.onComplete(ar -> {
      if (Thread.currentThread() == callerThread && Vertx.currentContext() == caller) {
        onCaller.handle(ar);
      } else {
        caller.runOnContext(v -> onCaller.handle(ar));
      }
    });
    return onCaller.future();
  }

  @Override
  public void onStartup(Supplier<Future<Void>> handler) {
    hooks.addStartup(pluginId, handler);
  }

  @Override
  public void onEventAccepted(Consumer<AcceptedEvent> handler) {
    hooks.addEventAccepted(pluginId, handler);
  }

  @Override
  public boolean serveHttp(String path, Handler<HttpServerRequest> handler) {
    routes.ifPresent(r -> r.register(pluginId, path, handler));
    return routes.isPresent();
  }

  @Override
  public void onShutdown(Supplier<Future<Void>> handler) {
    hooks.addShutdown(pluginId, handler);
  }
}
