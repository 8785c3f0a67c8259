package dev.graspsync.sync.status;

import io.vertx.core.http.HttpServerRequest;
import java.util.function.Supplier;

/**
 * Answers {@code GET /sync/status} (JSON, {@link StatusJson}) and {@code GET /sync} (the
 * page, {@link StatusPage}) on the host's port. Runs on a host event loop: a snapshot of the
 * board and one JSON write, nothing that blocks.
 */
public final class StatusEndpoints {
  public static final String STATUS_PATH = "/sync/status";
  public static final String PAGE_PATH = "/sync";

  private final Supplier<SyncStatus> status;
  private final StatusPage page;

  public StatusEndpoints(Supplier<SyncStatus> status, StatusPage page) {
    this.status = status;
    this.page = page;
  }

  public void serveStatus(HttpServerRequest request) {
    String body = StatusJson.write(status.get());
    request.response()
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(body);
  }

  public void servePage(HttpServerRequest request) {
    request.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", page.contentSecurityPolicy())
        .putHeader("Referrer-Policy", "no-referrer")
        .end(page.html());
  }
}
