package dev.graspsync.sidecar.http;

import dev.graspsync.spi.hosting.HostEndpoints;
import dev.graspsync.spi.hosting.PluginRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar's HTTP port: {@code /metrics}, {@code /health} (unhealthy while the operator's
 * relay is unreachable) and the plugins' GET paths such as grasp-sync's {@code /sync/status}.
 */
public final class SidecarHttp extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(SidecarHttp.class);

  private final String host;
  private final int port;
  private final HostEndpoints endpoints;
  private final PluginRoutes plugins;
  private HttpServer server;

  public SidecarHttp(String host, int port, HostEndpoints endpoints, PluginRoutes plugins) {
    this.host = host;
    this.port = port;
    this.endpoints = endpoints;
    this.plugins = plugins;
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer().requestHandler(this::handle);
    return server.listen(port, host);
  }

  @Override
  public Future<?> stop() {
    return server.close();
  }

  public int actualPort() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    try {
      if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
        request.response().setStatusCode(405).putHeader(HttpHeaders.ALLOW, "GET, HEAD").end();
      } else if ("/".equals(request.path())) {
        request.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
            .end("grasp-sync sidecar: /metrics, /health and the plugins' pages\n");
      } else if (!endpoints.handle(request) && !plugins.dispatch(request)) {
        request.response().setStatusCode(404).end();
      }
    } catch (RuntimeException e) {
      log.warn("HTTP {} {} failed", request.method(), request.path(), e);
      if (!request.response().headWritten()) {
        request.response().setStatusCode(500).end();
      }
    }
  }
}
