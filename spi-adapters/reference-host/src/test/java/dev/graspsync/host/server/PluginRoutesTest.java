package dev.graspsync.host.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graspsync.host.metrics.RelayMetrics;
import dev.graspsync.host.testing.TestClient;
import dev.graspsync.spi.hosting.PluginRoutes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plugins' GET paths on the relay's port: exact, exclusive, and a failing plugin costs one 500. */
class PluginRoutesTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final PluginRoutes plugins = new PluginRoutes(new RelayMetrics(meters)::pluginError);
  private final HttpClient http = HttpClient.newHttpClient();
  private Vertx vertx;
  private HttpServer server;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    HttpRoutes routes = new HttpRoutes(() -> "{\"name\":\"test\"}", () -> "relay_connections 0\n", () -> true, plugins);
    server = TestClient.await(vertx.createHttpServer().requestHandler(routes::handle).listen(0, "127.0.0.1"));
  }

  @AfterEach
  void stop() {
    TestClient.await(vertx.close());
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send("GET", path);
  }

  private double pluginErrors(String plugin) {
    var counter = meters.find("relay.plugin.errors").tag("plugin", plugin).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aPluginAnswersGetOnExactlyItsPath() throws Exception {
    plugins.register("sync", "/sync/status", req -> req.response().putHeader("Content-Type", "application/json").end("{\"ok\":true}"));
    plugins.register("sync", "/sync", req -> req.response().end("page"));

    HttpResponse<String> status = get("/sync/status");
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).isEqualTo("{\"ok\":true}");
    assertThat(status.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(get("/sync/status?pretty=1").body()).as("the query is the plugin's business").isEqualTo("{\"ok\":true}");
    assertThat(get("/sync").body()).isEqualTo("page");

    assertThat(get("/sync/").statusCode()).isEqualTo(404);
    assertThat(get("/sync/status/more").statusCode()).isEqualTo(404);
    assertThat(get("/SYNC").statusCode()).isEqualTo(404);
    assertThat(send("POST", "/sync").statusCode()).isEqualTo(405);
    HttpResponse<String> head = send("HEAD", "/sync");
    assertThat(head.statusCode()).isEqualTo(405);
    assertThat(head.headers().firstValue("Allow")).contains("GET");
  }

  @Test
  void theHostsOwnPathsStayTheHosts() throws Exception {
    for (String path : new String[] {"/", "/metrics", "/health"}) {
      assertThatThrownBy(() -> plugins.register("greedy", path, req -> req.response().end("mine")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'greedy'")
          .hasMessageContaining("the relay serves it");
    }
    assertThat(get("/metrics").body()).contains("relay_connections");
    assertThat(get("/health").body()).contains("ok");
  }

  @Test
  void aPathTakenByAnotherPluginIsRefusedNamingIt() throws Exception {
    plugins.register("first", "/status", req -> req.response().end("first"));

    assertThatThrownBy(() -> plugins.register("second", "/status", req -> req.response().end("second")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'second'")
        .hasMessageContaining("plugin 'first' already serves it");
    assertThatThrownBy(() -> plugins.register("first", "/status", req -> req.response().end("again")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(get("/status").body()).isEqualTo("first");
  }

  @Test
  void aPathMustBeAPlainAbsolutePath() {
    for (String bad : new String[] {"", "status", "/a?b=1", "/a#top", "/a b", "/tab\t", "/é", "/" + "x".repeat(200)}) {
      assertThatThrownBy(() -> plugins.register("p", bad, req -> req.response().end()))
          .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'p'");
    }
    assertThatThrownBy(() -> plugins.register("p", null, req -> req.response().end())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> plugins.register("p", "/ok", null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aHandlerThatThrowsAnswers500IsCountedAndTheNextRequestIsServed() throws Exception {
    plugins.register("broken", "/broken", req -> {
      throw new IllegalStateException("plugin bug on purpose");
    });
    plugins.register("fine", "/fine", req -> req.response().end("fine"));

    assertThat(get("/broken").statusCode()).isEqualTo(500);
    assertThat(get("/broken").statusCode()).isEqualTo(500);

    assertThat(pluginErrors("broken")).isEqualTo(2.0);
    assertThat(pluginErrors("fine")).isZero();
    assertThat(get("/fine").body()).isEqualTo("fine");
  }
}
