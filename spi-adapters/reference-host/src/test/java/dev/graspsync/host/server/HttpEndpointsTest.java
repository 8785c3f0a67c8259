package dev.graspsync.host.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.host.RelayRuntime;
import dev.graspsync.host.testing.TestClient;
import dev.graspsync.host.testing.TestRelay;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NIP-11, /metrics and /health on the relay's one port. */
class HttpEndpointsTest {
  @TempDir static Path dataDir;
  static RelayRuntime relay;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    relay = TestRelay.start(dataDir, Map.of(
        "relay.policy", "grasp",
        "relay.name", "test relay",
        "relay.max-subscriptions", "7",
        "relay.max-filters", "4",
        "relay.max-limit", "321",
        "relay.max-message-bytes", "65536",
        "relay.max-event-tags", "99"));
  }

  @AfterAll
  static void stop() {
    relay.stop();
  }

  static HttpResponse<String> get(String path, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + relay.port() + path));
    if (!accept.isEmpty()) {
      b.header("Accept", accept);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theNip11DocumentAdvertisesWhatTheServerEnforces() throws Exception {
    HttpResponse<String> r = get("/", "application/nostr+json");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/nostr+json");
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    JsonObject doc = new JsonObject(r.body());
    assertThat(doc.getString("name")).isEqualTo("test relay");
    assertThat(doc.getString("software")).isNotBlank();
    assertThat(doc.getString("version")).isNotBlank();
    assertThat(TestClient.items(doc.getJsonArray("supported_nips"))).contains(1, 11, 77);
    assertThat(TestClient.items(doc.getJsonArray("supported_grasps"))).as("no git served: no GRASP claimed").isEmpty();
    JsonObject limits = doc.getJsonObject("limitation");
    assertThat(limits.getInteger("max_message_length")).isEqualTo(65536);
    assertThat(limits.getInteger("max_subscriptions")).isEqualTo(7);
    assertThat(limits.getInteger("max_limit")).isEqualTo(321);
    assertThat(limits.getInteger("max_subid_length")).isEqualTo(64);
    assertThat(limits.getInteger("max_event_tags")).isEqualTo(99);
    assertThat(limits.getBoolean("auth_required")).isFalse();
    assertThat(limits.getBoolean("restricted_writes")).isTrue();
  }

  @Test
  void aPlainGetOnTheRootIsNotTheDocument() throws Exception {
    HttpResponse<String> r = get("/", "text/html");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Nostr relay");
  }

  @Test
  void metricsArePrometheusTextWithTheRelaysOwnMeters() throws Exception {
    HttpResponse<String> r = get("/metrics", "");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(r.body()).contains("relay_connections").contains("jvm_memory_used_bytes");
  }

  @Test
  void healthIsOkWhileServing() throws Exception {
    HttpResponse<String> r = get("/health", "");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(r.body()).getString("status")).isEqualTo("ok");
  }

  @Test
  void otherPathsAreNotFound() throws Exception {
    assertThat(get("/nope", "").statusCode()).isEqualTo(404);
  }
}
