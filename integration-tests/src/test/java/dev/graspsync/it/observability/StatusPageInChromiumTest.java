package dev.graspsync.it.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.NostrSpec;
import dev.graspsync.it.harness.Cleanup;
import dev.graspsync.it.harness.Eventually;
import dev.graspsync.it.harness.NodeScripts;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.HostProcess;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.nostr.event.Event;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's view of a running relay with grasp-sync (a child JVM, the plugin loaded from
 * its jar) syncing from three relays: one that works, one that refuses every subscription with
 * a message full of markup, and one that is not there at an address full of markup. The JSON
 * says what each is doing; the page, loaded in headless Chromium, shows it, with every word
 * from a relay shown as text; a screenshot is kept in target/observability/.
 */
class StatusPageInChromiumTest {
  /** What a hostile relay says when it closes our subscriptions: markup that would run if parsed. */
  static final String HOSTILE_CLOSED = "blocked: <script>document.title='pwned'</script>"
      + "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">";
  static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final Pattern ROW = Pattern.compile(
      "<tr class=\"relay [^\"]*\" data-relay=\"([^\"]*)\" data-connection=\"([^\"]*)\" data-health=\"([^\"]*)\">(.*?)</tr>",
      Pattern.DOTALL);

  @TempDir static Path dir;
  static Vertx vertx;
  static final Cleanup cleanup = new Cleanup();
  static HostProcess host;
  static String good;
  static String refusing;
  static String absent;
  static JsonObject settled;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    ReferenceRelay goodRelay = cleanup.add(ReferenceRelay.start(dir.resolve("good")));
    good = goodRelay.url();
    refusing = cleanup.add(RefusingRelay.start(vertx, HOSTILE_CLOSED)).url();
    // what a URL may hold that means something in HTML: a page that parsed it would show "<i>"
    absent = "ws://127.0.0.1:" + closedPort() + "/x&lt;i&gt;y'(1)";
    List<Event> repo = NostrSpec.create()
        .announcement("repo", "observed", List.of(good, EmbeddedHost.OWN_URL), -50_000)
        .issue("i1", "repo", "bob", "an issue to sync", -40_000)
        .sign();
    goodRelay.publish(vertx, repo);

    Path hostDir = Files.createDirectories(dir.resolve("host"));
    host = cleanup.add(HostProcess.start(hostDir, hostDir.resolve("data"), EmbeddedHost.OWN_URL,
        SyncSettings.forTests(good, refusing, absent).map(), "observability"));

    Eventually.untilAsserted(DEADLINE, () -> {
      JsonObject status = status();
      boolean ready = relay(status, good).map(r -> "connected".equals(r.getString("connection"))
              && r.getInteger("confirmed_items") == 3).orElse(false)
          && relay(status, refusing).map(r -> String.valueOf(r.getValue("last_problem")).contains("<script>")).orElse(false)
          && relay(status, absent).map(r -> r.getInteger("consecutive_failures") >= 1).orElse(false)
          && status.getJsonObject("totals").getInteger("root_events") == 1;
      assertThat(ready).as("every relay in its expected state; now %s", status.encodePrettily()).isTrue();
      settled = status;
    });
  }

  @AfterAll
  static void stop() {
    cleanup.close();
    vertx.close().await();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String hostHttp() {
    return host.httpUrl();
  }

  private static HttpResponse<String> get(String path) {
    return host.get(path);
  }

  private static JsonObject status() {
    return new JsonObject(get("/sync/status").body());
  }

  private static Optional<JsonObject> relay(JsonObject status, String url) {
    JsonArray relays = status.getJsonArray("relays");
    for (int i = 0; i < relays.size(); i++) {
      if (url.equals(relays.getJsonObject(i).getString("relay"))) {
        return Optional.of(relays.getJsonObject(i));
      }
    }
    return Optional.empty();
  }

  private static Chromium chromium() {
    Optional<Chromium> found = Chromium.find(dir);
    if (found.isEmpty() && System.getenv(Chromium.REQUIRED_ENV) != null) {
      throw new AssertionError("chromium is required here (" + Chromium.REQUIRED_ENV + " is set) but not on the PATH");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(found.isPresent(),
        "chromium is not installed: the status page is not rendered. Install Debian's package "
            + "(apt-get install chromium; .ci/run does) or point $CHROMIUM at a Chromium binary.");
    return found.get();
  }

  record Row(String relay, String connection, String health, String html) {}

  private static List<Row> rows(String dom) {
    List<Row> rows = new ArrayList<>();
    Matcher m = ROW.matcher(dom);
    while (m.find()) {
      rows.add(new Row(unescape(m.group(1)), m.group(2), m.group(3), m.group(4)));
    }
    return rows;
  }

  /** Attribute text as serialised by the browser, back to what the script set. */
  private static String unescape(String attribute) {
    return attribute.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
        .replace("&nbsp;", "\u00a0").replace("&amp;", "&");
  }

  @Test
  void theStatusSaysWhatEachRelayIsDoing() {
    JsonObject totals = settled.getJsonObject("totals");
    assertThat(totals.getInteger("repositories")).isEqualTo(1);
    assertThat(totals.getInteger("root_events")).isEqualTo(1);
    assertThat(totals.getInteger("relays_tracked")).isEqualTo(3);
    assertThat(totals.getInteger("relays_connected")).isEqualTo(2);
    assertThat(totals.getInteger("relays_degraded")).isEqualTo(1);
    assertThat(totals.getInteger("relays_dead")).isZero();

    JsonObject working = relay(settled, good).orElseThrow();
    assertThat(working.getBoolean("bootstrap")).isTrue();
    assertThat(working.getString("health")).isEqualTo("healthy");
    assertThat(working.getInteger("confirmed_items")).as("L1, the repository, its issue").isEqualTo(3);
    assertThat(working.getInteger("pending_batches")).isZero();
    assertThat(working.getInteger("live_subscriptions")).isPositive();
    assertThat(working.getValue("last_problem")).isNull();
    assertThat(working.getString("last_heartbeat")).isNotNull();

    JsonObject refused = relay(settled, refusing).orElseThrow();
    assertThat(refused.getString("connection")).isEqualTo("connected_with_failures");
    assertThat(refused.getInteger("parked_items")).isPositive();
    assertThat(refused.getString("last_problem")).isEqualTo("batch failed: CLOSED " + HOSTILE_CLOSED);

    JsonObject missing = relay(settled, absent).orElseThrow();
    assertThat(missing.getString("connection")).isIn("disconnected", "connecting");
    assertThat(missing.getString("health")).isEqualTo("degraded");
    assertThat(missing.getString("last_problem")).startsWith("connect failed");
  }

  @Test
  void theMetricsAgreeWithTheStatus() {
    assertThat(host.metric("grasp_sync_relay_connected{relay=\"" + good + "\"}")).isEqualTo(3.0);
    assertThat(host.metric("grasp_sync_relay_status{relay=\"" + good + "\"}")).isEqualTo(1.0);
    assertThat(host.metric("grasp_sync_relay_connected{relay=\"" + refusing + "\"}")).isEqualTo(4.0);
    assertThat(host.metric("grasp_sync_batches_failed_total{relay=\"" + refusing + "\"}")).isPositive();
    assertThat(host.metric("grasp_sync_connection_attempts_total{relay=\"" + good + "\",result=\"success\"}"))
        .isEqualTo(1.0);
    assertThat(host.metric("grasp_sync_relays_tracked")).isEqualTo(3.0);
    assertThat(host.metric("grasp_sync_relays_connected")).isEqualTo(2.0);
    assertThat(host.metric("grasp_sync_repos_tracked")).isEqualTo(1.0);
    assertThat(host.metric("grasp_sync_root_events_tracked")).isEqualTo(1.0);
    assertThat(host.metric("grasp_sync_events_total{layer=\"announcements\",verdict=\"saved\"}")).isPositive();
    assertThat(host.metric("grasp_sync_history_sync_duration_seconds_count")).isPositive();
  }

  @Test
  void thePageIsSelfContainedAndLocksItselfDown() {
    HttpResponse<String> page = get("/sync");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).startsWith("default-src 'none'").contains("connect-src 'self'").doesNotContain("unsafe-inline"));
    assertThat(page.body()).doesNotContainPattern("(?i)(src|href)=\"?(https?:)?//");
  }

  @Test
  void chromiumRendersOneRowPerRelayWithRelayWordsAsText() {
    String dom = chromium().dumpDom(hostHttp() + "/sync");

    List<Row> rows = rows(dom);
    assertThat(rows).extracting(Row::relay).containsExactlyInAnyOrder(good, refusing, absent);
    Row working = rows.stream().filter(r -> r.relay().equals(good)).findFirst().orElseThrow();
    assertThat(working.connection()).isEqualTo("connected");
    assertThat(working.health()).isEqualTo("healthy");
    assertThat(working.html()).contains("<span class=\"badge c-connected\">connected</span>")
        .contains("<span class=\"tag\">bootstrap</span>");
    Row refused = rows.stream().filter(r -> r.relay().equals(refusing)).findFirst().orElseThrow();
    assertThat(refused.connection()).isEqualTo("connected_with_failures");
    assertThat(refused.html()).contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;img src=x onerror=");
    Row missing = rows.stream().filter(r -> r.relay().equals(absent)).findFirst().orElseThrow();
    assertThat(missing.health()).isEqualTo("degraded");
    assertThat(missing.html()).contains("x&amp;lt;i&amp;gt;y'(1)");

    // nothing a relay said became markup, and none of it ran
    assertThat(dom).contains("<title>grasp-sync status</title>")
        .doesNotContain("<img").doesNotContain("<i>").doesNotContain("data-pwned=");
    assertThat(dom).contains("id=\"total-relays_tracked\"><span class=\"n\">3</span>");
    assertThat(dom).as("the page read the status, not an error").containsPattern("<span id=\"updated\" class=\"\">updated \\d{4}-");
  }

  @Test
  void aScreenshotOfThePageIsKept() throws IOException {
    Path png = Files.createDirectories(NodeScripts.moduleDir().resolve("target/observability")).resolve("sync-status.png");
    Files.deleteIfExists(png);

    chromium().screenshot(hostHttp() + "/sync", png);

    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes.length).as("a rendered page, not a blank one").isGreaterThan(20_000);
    assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }
}
