package dev.graspsync.sync.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.health.Health;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both endpoints over a real HTTP server on loopback, routed the way a host routes them. */
class StatusEndpointsTest {
  private final AtomicReference<SyncStatus> current = new AtomicReference<>(StatusFixtures.status());
  private final StatusEndpoints endpoints = new StatusEndpoints(current::get, StatusPage.load());
  private final HttpClient http = HttpClient.newHttpClient();
  private Vertx vertx;
  private HttpServer server;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(req -> {
      switch (req.path()) {
        case StatusEndpoints.STATUS_PATH -> endpoints.serveStatus(req);
        case StatusEndpoints.PAGE_PATH -> endpoints.servePage(req);
        default -> req.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").await();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theStatusIsTheBoardsCurrentSnapshotAsJson() throws Exception {
    current.set(StatusFixtures.status(StatusFixtures.failing("wss://d.example", Health.DEAD, StatusFixtures.HOSTILE_PROBLEM)));

    HttpResponse<String> r = get("/sync/status");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
    assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    JsonObject relay = new JsonObject(r.body()).getJsonArray("relays").getJsonObject(0);
    assertThat(relay.getString("health")).isEqualTo("dead");
    assertThat(relay.getString("last_problem")).isEqualTo(StatusFixtures.HOSTILE_PROBLEM);

    current.set(StatusFixtures.status());
    assertThat(new JsonObject(get("/sync/status").body()).getJsonArray("relays")).isEmpty();
  }

  @Test
  void thePageComesWithItsContentSecurityPolicy() throws Exception {
    HttpResponse<String> r = get("/sync");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(r.headers().firstValue("Content-Security-Policy")).contains(StatusPage.load().contentSecurityPolicy());
    assertThat(r.body()).startsWith("<!DOCTYPE html>").contains("grasp-sync");
  }
}
