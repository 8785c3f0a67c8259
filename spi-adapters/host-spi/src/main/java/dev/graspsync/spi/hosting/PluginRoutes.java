package dev.graspsync.spi.hosting;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP GET paths plugins serve on the relay's port (RelayHost.serveHttp), each taken by
 * exactly one plugin and matched exactly (the query string is the plugin's business); only GET
 * reaches a plugin, HEAD answers 405. The host's own paths cannot be taken. A handler that
 * throws answers 500 and is logged and counted against its plugin (relay_plugin_errors_total),
 * like any other plugin hook.
 */
public final class PluginRoutes {
  private static final Logger log = LoggerFactory.getLogger(PluginRoutes.class);
  /** Served by the host itself ({@link HostEndpoints} and a host's own root page). */
  public static final Set<String> HOST_PATHS = Set.of("/", "/metrics", "/health");
  private static final int MAX_PATH_LENGTH = 200;

  private record Route(String pluginId, Handler<HttpServerRequest> handler) {}

  private final Consumer<String> pluginErrors;
  private final Map<String, Route> routes = new ConcurrentHashMap<>();

  /** {@code pluginErrors} counts a failed handler against its plugin id (the host's metric). */
  public PluginRoutes(Consumer<String> pluginErrors) {
    this.pluginErrors = pluginErrors;
  }

  /**
   * Gives {@code path} to the plugin.
   *
   * @throws IllegalArgumentException for a path that is not an absolute path without query or
   *     fragment, a host path, or one another plugin (or this one) already serves
   */
  public void register(String pluginId, String path, Handler<HttpServerRequest> handler) {
    if (path == null || !path.startsWith("/") || path.length() > MAX_PATH_LENGTH
        || !path.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '?' && c != '#')) {
      throw new IllegalArgumentException("plugin '" + pluginId + "' cannot serve '" + path
          + "': a path starts with / and holds at most " + MAX_PATH_LENGTH + " printable ASCII characters, no ? or #");
    }
    if (HOST_PATHS.contains(path)) {
      throw new IllegalArgumentException("plugin '" + pluginId + "' cannot serve " + path + ": the relay serves it");
    }
    if (handler == null) {
      throw new IllegalArgumentException("plugin '" + pluginId + "' gave no handler for " + path);
    }
    Route previous = routes.putIfAbsent(path, new Route(pluginId, handler));
    if (previous != null) {
      throw new IllegalArgumentException("plugin '" + pluginId + "' cannot serve " + path
          + ": plugin '" + previous.pluginId() + "' already serves it");
    }
    log.info("plugin '{}' serves GET {}", pluginId, path);
  }

  /**
   * Hands the request to the plugin serving its exact path, if any; on the caller's event loop.
   *
   * @return false when no plugin serves the path
   */
  public boolean dispatch(HttpServerRequest request) {
    Optional<Route> route = Optional.ofNullable(routes.get(request.path()));
    if (route.isEmpty()) {
      return false;
    }
    if (request.method() != HttpMethod.GET) {
      // the SPI hands plugins GET requests only: no handler has to think about HEAD
      request.response().setStatusCode(405).putHeader(HttpHeaders.ALLOW, "GET").end();
      return true;
    }
    try {
      route.get().handler().handle(request);
    } catch (Throwable t) {
      pluginErrors.accept(route.get().pluginId());
      log.warn("plugin '{}' failed to answer GET {}", route.get().pluginId(), request.path(), t);
      HttpServerResponse response = request.response();
      if (!response.headWritten()) {
        response.setStatusCode(500).end();
      } else if (!response.ended()) {
        response.reset();
      }
    }
    return true;
  }
}
