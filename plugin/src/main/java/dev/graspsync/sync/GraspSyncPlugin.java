package dev.graspsync.sync;

import dev.graspsync.spi.RelayHost;
import dev.graspsync.spi.RelayPlugin;
import dev.graspsync.sync.config.SyncConfig;
import dev.graspsync.sync.dial.Resolver;
import dev.graspsync.sync.dial.SystemResolver;
import dev.graspsync.sync.engine.SyncEngine;
import dev.graspsync.sync.status.StatusEndpoints;
import dev.graspsync.sync.status.StatusPage;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** GRASP-02 proactive sync as a host plugin: {@code relay.plugins=grasp-sync}. */
public final class GraspSyncPlugin implements RelayPlugin {
  public static final String ID = "grasp-sync";
  private static final Logger log = LoggerFactory.getLogger(GraspSyncPlugin.class);

  private final Optional<Resolver> resolver;

  /** The plugin as hosts load it: relay names are resolved by the JVM, off the event loops. */
  public GraspSyncPlugin() {
    this.resolver = Optional.empty();
  }

  /** With another resolver (tests answer what a hostile DNS server would). */
  public GraspSyncPlugin(Resolver resolver) {
    this.resolver = Optional.of(resolver);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void register(RelayHost host) {
    // Parsing here, not at startup, so a bad property stops the host before it serves anything.
    SyncConfig config = SyncConfig.from(host.config());
    SyncEngine engine = new SyncEngine(host, config, Clock.systemUTC(),
        resolver.orElseGet(() -> new SystemResolver(host.vertx())));
    host.onStartup(engine::start);
    host.onEventAccepted(engine::onAccepted);
    host.onShutdown(engine::stop);
    StatusEndpoints status = new StatusEndpoints(engine::status, StatusPage.load());
    serve(host, StatusEndpoints.STATUS_PATH, status::serveStatus);
    serve(host, StatusEndpoints.PAGE_PATH, status::servePage);
  }

  /** The status pages help operators but sync does not need them: a host without HTTP still syncs. */
  private static void serve(RelayHost host, String path, Handler<HttpServerRequest> handler) {
    try {
      if (!host.serveHttp(path, handler)) {
        log.info("this host serves no HTTP for plugins: no {} page (metrics still go to the host's registry)", path);
      }
    } catch (IllegalArgumentException e) {
      log.warn("cannot serve {}: {}", path, e.getMessage());
    }
  }
}
