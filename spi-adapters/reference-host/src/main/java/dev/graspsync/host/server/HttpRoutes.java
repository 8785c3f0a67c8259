package dev.graspsync.host.server;

import dev.graspsync.spi.hosting.HostEndpoints;
import dev.graspsync.spi.hosting.PluginRoutes;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's plain HTTP answers on its one port: the NIP-11 document at {@code /} (for
 * {@code Accept: application/nostr+json}), Prometheus text at {@code /metrics}, and
 * {@code /health}; then the exact paths plugins serve ({@link PluginRoutes}). WebSocket
 * upgrades never reach here.
 */
public final class HttpRoutes {
  private static final Logger log = LoggerFactory.getLogger(HttpRoutes.class);
  static final String NOSTR_JSON = "application/nostr+json";

  private final Supplier<String> relayInfo;
  private final HostEndpoints endpoints;
  private final PluginRoutes plugins;

  /**
   * @param relayInfo the NIP-11 JSON
   * @param metrics the Prometheus scrape
   * @param serving whether the relay accepts clients (false while starting or stopping)
   * @param plugins the GET paths plugins serve
   */
  public HttpRoutes(Supplier<String> relayInfo, Supplier<String> metrics, BooleanSupplier serving, PluginRoutes plugins) {
    this.relayInfo = relayInfo;
    this.endpoints = new HostEndpoints(metrics, serving);
    this.plugins = plugins;
  }

  public void handle(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    try {
      String path = request.path();
      if (request.method() == HttpMethod.OPTIONS) {
        cors(response).setStatusCode(204).end();
      } else if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
        response.setStatusCode(405).putHeader(HttpHeaders.ALLOW, "GET, HEAD, OPTIONS").end();
      } else if ("/".equals(path)) {
        root(request, response);
      } else if (!endpoints.handle(request) && !plugins.dispatch(request)) {
        response.setStatusCode(404).end();
      }
    } catch (RuntimeException e) {
      log.warn("HTTP {} {} failed", request.method(), request.path(), e);
      if (!response.headWritten()) {
        response.setStatusCode(500).end();
      }
    }
  }

  private void root(HttpServerRequest request, HttpServerResponse response) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    if (accept != null && accept.contains(NOSTR_JSON)) {
      cors(response).putHeader(HttpHeaders.CONTENT_TYPE, NOSTR_JSON).end(relayInfo.get());
    } else {
      response.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
          .end("This is a Nostr relay: connect with a WebSocket, or ask for its NIP-11 document with "
              + "Accept: " + NOSTR_JSON + "\n");
    }
  }

  private static HttpServerResponse cors(HttpServerResponse response) {
    return response
        .putHeader("Access-Control-Allow-Origin", "*")
        .putHeader("Access-Control-Allow-Headers", "*")
        .putHeader("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
  }
}
