package dev.graspsync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.filter.Filter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OK true means durable: nothing acknowledged may be lost to kill -9. */
class KillDurabilityTest {
  @TempDir Path dir;

  @Test
  void everyAcknowledgedEventSurvivesKillDashNine() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                DurabilityChild.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<String> acked = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  if (line.startsWith("ACK ")) {
                    acked.add(line.substring(4));
                  }
                }
              } catch (java.io.IOException e) {
                // the child died: that is the point
              }
            });
    reader.start();
    try {
      Poll.until("500 acknowledgements from the child", () -> acked.size() >= 500 || !child.isAlive());
      assertThat(child.isAlive()).as("child still running when killed").isTrue();
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
      reader.join(10_000);
    }
    List<String> acknowledged = new ArrayList<>(acked);
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(500);

    try (EngineFixture relay = EngineFixture.open(dir, AcceptancePolicyKind.OPEN)) {
      Set<String> stored = EngineFixture.await(relay.engine.store().containsAll(acknowledged));
      assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged);
      long total = EngineFixture.await(relay.engine.count(List.of(Filter.builder().kinds(1).build())));
      assertThat(total).isGreaterThanOrEqualTo(acknowledged.size());
    }
  }
}
