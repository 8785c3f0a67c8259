package dev.graspsync.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard, the alert rules and docs/monitoring.md name only metrics the plugin
 * exports, under the names Prometheus sees; and the page documents every one of them.
 */
class MonitoringDocsTest {
  private static final Pattern METRIC = Pattern.compile("grasp_sync_[a-z0-9_]*[a-z0-9]");
  private static final List<String> SERIES_SUFFIXES = List.of("_bucket", "_count", "_sum", "_max");
  static Set<String> exported;

  @BeforeAll
  static void exportEveryMeter() {
    MockClock clock = new MockClock();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
    SyncMetrics metrics = new SyncMetrics(registry);
    EveryMeter.track(metrics);
    EveryMeter.drive(metrics, clock);
    exported = new TreeSet<>();
    for (String line : registry.scrape().split("\n")) {
      Matcher m = METRIC.matcher(line);
      if (!line.startsWith("#") && m.lookingAt()) {
        exported.add(m.group());
      }
    }
  }

  static Path docs(String file) {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve("../docs").resolve(file).normalize();
  }

  static Set<String> namesIn(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = METRIC.matcher(text);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  /** Every PromQL expression of the dashboard: targets, variable queries, wherever they sit. */
  static List<String> dashboardQueries(Path file) throws IOException {
    List<String> queries = new ArrayList<>();
    try (JsonParser p = JsonFactory.builder().build().createParser(file.toFile())) {
      String field = "";
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME) {
          field = p.currentName();
        } else if (t == JsonToken.VALUE_STRING && Set.of("expr", "query", "definition").contains(field)) {
          queries.add(p.getText());
        }
      }
    }
    return queries;
  }

  @Test
  void theExportedNamesAreTheOnesTheIssueAsksFor() {
    assertThat(exported).contains("grasp_sync_relay_connected", "grasp_sync_relay_status", "grasp_sync_relay_failures",
        "grasp_sync_connection_attempts_total", "grasp_sync_events_total", "grasp_sync_gap_events_total",
        "grasp_sync_relay_subscriptions", "grasp_sync_relay_pending_batches", "grasp_sync_relay_live_overflow_filters",
        "grasp_sync_history_sync_duration_seconds_count", "grasp_sync_history_sync_duration_seconds_bucket",
        "grasp_sync_relay_received_bytes_total", "grasp_sync_relays_tracked", "grasp_sync_relays_connected",
        "grasp_sync_relays_dead", "grasp_sync_repos_tracked", "grasp_sync_root_events_tracked",
        "grasp_sync_events_in_flight");
  }

  @Test
  void everyDashboardQueryUsesExportedMetrics() throws IOException {
    List<String> queries = dashboardQueries(docs("grafana-dashboard.json"));
    Set<String> used = new TreeSet<>();
    queries.forEach(q -> used.addAll(namesIn(q)));

    assertThat(queries).hasSizeGreaterThan(20);
    assertThat(used).isSubsetOf(exported);
    // and the dashboard shows the signals operators need
    assertThat(used).contains("grasp_sync_relay_connected", "grasp_sync_relay_status", "grasp_sync_gap_events_total",
        "grasp_sync_events_total", "grasp_sync_history_sync_duration_seconds_bucket");
  }

  @Test
  void everyAlertRuleUsesExportedMetricsAndIsDocumented() throws IOException {
    String rules = Files.readString(docs("alerts.yml"));
    String page = Files.readString(docs("monitoring.md"));

    assertThat(namesIn(rules)).isNotEmpty().isSubsetOf(exported);
    Matcher alert = Pattern.compile("(?m)^\\s*- alert: (\\w+)$").matcher(rules);
    List<String> alerts = new ArrayList<>();
    while (alert.find()) {
      alerts.add(alert.group(1));
    }
    assertThat(alerts).contains("GraspSyncRelayDead", "GraspSyncRelaySyncingTooLong", "GraspSyncManyRelaysDegraded",
        "GraspSyncGapEventsRising");
    assertThat(alerts).allSatisfy(a -> assertThat(page).as("monitoring.md explains %s", a).contains(a));
  }

  @Test
  void theMonitoringPageDocumentsExactlyWhatIsExported() throws IOException {
    String page = Files.readString(docs("monitoring.md"));

    for (String name : exported) {
      String family = SERIES_SUFFIXES.stream().filter(name::endsWith).findFirst()
          .map(s -> name.substring(0, name.length() - s.length())).orElse(name);
      assertThat(page.contains(name) || page.contains(family)).as("monitoring.md documents %s", name).isTrue();
    }
    for (String mentioned : namesIn(page)) {
      boolean known = exported.contains(mentioned)
          || SERIES_SUFFIXES.stream().anyMatch(s -> exported.contains(mentioned + s));
      assertThat(known).as("monitoring.md mentions %s, which the plugin does not export", mentioned).isTrue();
    }
  }
}
