package dev.graspsync.it.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/alerts.yml as Prometheus reads it: the rules load ({@code promtool check rules}), and
 * the unit tests of docs/alerts-test.yml ({@code promtool test rules}) show each alert firing
 * when it should and staying quiet when it should not.
 */
class AlertRulesTest {

  @Test
  void everyAlertHasAFiringAndAQuietCase() throws IOException {
    String rules = Files.readString(PrometheusTools.docs("alerts.yml"));
    String tests = Files.readString(PrometheusTools.docs("alerts-test.yml"));
    Matcher alert = Pattern.compile("- alert: (\\w+)").matcher(rules);
    int alerts = 0;
    while (alert.find()) {
      alerts++;
      String name = alert.group(1);
      assertThat(Pattern.compile("alertname: " + name + "\\s+exp_alerts: \\[\\]").matcher(tests).find())
          .as("%s has a case where it stays quiet", name).isTrue();
      assertThat(Pattern.compile("alertname: " + name + "\\s+exp_alerts:\\s*\\n\\s+- exp_labels").matcher(tests).find())
          .as("%s has a case where it fires", name).isTrue();
    }
    assertThat(alerts).isEqualTo(5);
  }

  @Test
  void theAlertRulesLoad() {
    Path promtool = PrometheusTools.require("promtool");

    PrometheusTools.Result r = PrometheusTools.promtool(promtool, "check", "rules",
        PrometheusTools.docs("alerts.yml").toString());

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: 5 rules found");
  }

  @Test
  void everyAlertFiresWhenItShouldAndOnlyThen() {
    Path promtool = PrometheusTools.require("promtool");

    PrometheusTools.Result r = PrometheusTools.promtool(promtool, "test", "rules",
        PrometheusTools.docs("alerts-test.yml").toString());

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }
}
