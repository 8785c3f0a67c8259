package dev.graspsync.it.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.NostrSpec;
import dev.graspsync.it.harness.ChildProcess;
import dev.graspsync.it.harness.Eventually;
import dev.graspsync.it.harness.NodeScripts;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.event.Event;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the alert rules against a real Prometheus (Debian's package): it scrapes a
 * host that syncs from a test relay, loads docs/alerts.yml, and answers every query of
 * docs/grafana-dashboard.json without an error once grasp_sync_* series are stored.
 */
class PrometheusScrapeTest extends SyncTestBase {
  private static final Duration PROMETHEUS_DEADLINE = Duration.ofSeconds(60);

  @Test
  void everyDashboardQueryRunsAgainstScrapedSeries() throws Exception {
    Path prometheus = PrometheusTools.require("prometheus");
    ReferenceRelay relay = referenceRelay();
    List<Event> events = NostrSpec.create()
        .announcement("repo", "scraped", List.of(relay.url(), OWN_URL), -50_000)
        .issue("i1", "repo", "bob", "synced while Prometheus watches", -40_000)
        .sign();
    relay.publish(vertx, events.subList(1, 2));
    EmbeddedHost host = startHost(SyncSettings.forTests());
    host.publish(events.get(0));
    awaitStored(host, events.subList(1, 2));

    HttpServer metrics = vertx.createHttpServer().requestHandler(req -> req.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(host.scrape()));
    metrics.listen(0, "127.0.0.1").await();
    cleanup.add(() -> metrics.close().await());
    int webPort = freePort();
    Path config = writeConfig(metrics.actualPort());
    ChildProcess server = ChildProcess.command(List.of(prometheus.toString(),
            "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
            "--web.listen-address=127.0.0.1:" + webPort, "--log.level=warn"))
        .start("prometheus", NodeScripts.logDir().resolve("prometheus-" + ProcessHandle.current().pid() + ".log"));
    cleanup.add(() -> server.stop(Duration.ofSeconds(10)));
    HttpClientAgent client = vertx.createHttpClient();
    cleanup.add(() -> client.close().await());

    Eventually.untilAsserted(PROMETHEUS_DEADLINE, () -> {
      assertThat(server.isAlive()).as("prometheus running; log %s", server.log()).isTrue();
      try {
        assertThat(query(client, webPort, "grasp_sync_relay_connected").getJsonArray("result"))
            .as("grasp_sync_* series stored").isNotEmpty();
        assertThat(query(client, webPort, "grasp_sync_events_total").getJsonArray("result")).isNotEmpty();
        // rate() and increase() need two samples in their window: wait for a few scrapes
        assertThat(query(client, webPort, "count_over_time(grasp_sync_relays_tracked[1m]) >= 3")
            .getJsonArray("result")).as("three scrapes stored").isNotEmpty();
      } catch (Exception notListeningYet) { // await() rethrows the connect failure as it is
        throw new AssertionError("prometheus not answering yet: " + notListeningYet.getMessage(), notListeningYet);
      }
    });

    List<String> queries = dashboardQueries();
    assertThat(queries).hasSizeGreaterThan(20);
    List<String> failed = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    int withData = 0;
    for (String q : queries) {
      JsonObject answer = get(client, webPort, "/api/v1/query?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
      if (!"success".equals(answer.getString("status"))) {
        failed.add(q + " -> " + answer.getString("error"));
      } else if (!answer.getJsonObject("data").getJsonArray("result").isEmpty()) {
        withData++;
      } else {
        empty.add(q);
      }
    }
    assertThat(failed).as("dashboard queries Prometheus refused").isEmpty();
    assertThat(withData).as("queries answered with data; empty: %s", empty).isGreaterThan(queries.size() / 2);

    JsonObject rules = get(client, webPort, "/api/v1/rules").getJsonObject("data");
    List<String> loaded = new ArrayList<>();
    for (Object g : rules.getJsonArray("groups")) {
      for (Object r : ((JsonObject) g).getJsonArray("rules")) {
        JsonObject rule = (JsonObject) r;
        assertThat(rule.getString("health")).as(rule.getString("name") + ": " + rule.getString("lastError")).isIn("ok", "unknown");
        loaded.add(rule.getString("name"));
      }
    }
    assertThat(loaded).hasSize(5).contains("GraspSyncRelayDead", "GraspSyncNotRunning");
  }

  /** Every expression of the dashboard's panels, with its variables as "All" would set them. */
  private static List<String> dashboardQueries() throws IOException {
    JsonObject dashboard = new JsonObject(Files.readString(PrometheusTools.docs("grafana-dashboard.json")));
    Set<String> out = new LinkedHashSet<>();
    collect(dashboard.getJsonArray("panels"), out);
    for (Object v : dashboard.getJsonObject("templating").getJsonArray("list")) {
      Object q = ((JsonObject) v).getValue("query");
      String text = q instanceof JsonObject o ? o.getString("query", "") : String.valueOf(q);
      // label_values(metric, label) is Grafana's, not PromQL: Prometheus must know the metric
      if (text.startsWith("label_values(")) {
        out.add(text.substring("label_values(".length(), text.indexOf(',')).trim());
      }
    }
    return out.stream().map(e -> e.replace("$relay", ".*").replace("${relay}", ".*")).toList();
  }

  private static void collect(JsonArray panels, Set<String> out) {
    if (panels == null) {
      return;
    }
    for (Object p : panels) {
      JsonObject panel = (JsonObject) p;
      JsonArray targets = panel.getJsonArray("targets");
      if (targets != null) {
        for (Object t : targets) {
          String expr = ((JsonObject) t).getString("expr");
          if (expr != null && !expr.isBlank()) {
            out.add(expr);
          }
        }
      }
      collect(panel.getJsonArray("panels"), out);
    }
  }

  private Path writeConfig(int metricsPort) throws IOException {
    Path rules = PrometheusTools.docs("alerts.yml");
    String yaml = String.join("\n",
        "global:",
        "  scrape_interval: 1s",
        "  evaluation_interval: 1s",
        "rule_files:",
        "  - " + rules,
        "scrape_configs:",
        "  - job_name: relay",
        "    static_configs:",
        "      - targets: ['127.0.0.1:" + metricsPort + "']",
        "");
    return Files.writeString(dir.resolve("prometheus.yml"), yaml);
  }

  private static JsonObject query(HttpClientAgent client, int port, String promql) {
    JsonObject answer = get(client, port, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    assertThat(answer.getString("status")).as(answer.encode()).isEqualTo("success");
    return answer.getJsonObject("data");
  }

  private static JsonObject get(HttpClientAgent client, int port, String uri) {
    return client.request(HttpMethod.GET, port, "127.0.0.1", uri)
        .compose(r -> r.send().compose(res -> res.body()))
        .map(b -> new JsonObject(b.toString()))
        .await();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
