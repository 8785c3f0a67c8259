package dev.graspsync.spi.hosting;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The two HTTP answers every host process gives on its port: Prometheus text at {@code
 * /metrics}, and {@code /health} (200 {@code {"status":"ok"}} or 503 {@code
 * {"status":"unavailable"}}).
 */
public final class HostEndpoints {
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Supplier<String> metrics;
  private final BooleanSupplier healthy;

  /**
   * @param metrics the Prometheus scrape
   * @param healthy whether the host does its job right now (false while starting or stopping,
   *     or, for a sidecar, while its relay is unreachable)
   */
  public HostEndpoints(Supplier<String> metrics, BooleanSupplier healthy) {
    this.metrics = metrics;
    this.healthy = healthy;
  }

  /** Answers {@code /metrics} or {@code /health}; false for any other path (nothing written). */
  public boolean handle(HttpServerRequest request) {
    String path = request.path();
    if ("/metrics".equals(path)) {
      request.response().putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT).end(metrics.get());
      return true;
    }
    if ("/health".equals(path)) {
      boolean up = healthy.getAsBoolean();
      request.response().setStatusCode(up ? 200 : 503)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end(up ? "{\"status\":\"ok\"}" : "{\"status\":\"unavailable\"}");
      return true;
    }
    return false;
  }
}
