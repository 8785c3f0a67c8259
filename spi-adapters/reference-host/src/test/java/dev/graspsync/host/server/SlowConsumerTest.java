package dev.graspsync.host.server;

import static dev.graspsync.host.testing.TestEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.host.RelayRuntime;
import dev.graspsync.host.testing.Poll;
import dev.graspsync.host.testing.TestClient;
import dev.graspsync.host.testing.TestEvents;
import dev.graspsync.host.testing.TestRelay;
import dev.graspsync.nostr.event.Event;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscriber that stops reading is cut with CLOSED once its backlog passes
 * relay.max-client-backlog-bytes (1 MiB here; the socket and the paused client hold about 8 MiB more), and the
 * others, compressed or not, get every event meanwhile.
 */
class SlowConsumerTest {
  static final int EVENTS = 64;

  @TempDir Path dataDir;
  final Vertx vertx = Vertx.vertx();
  RelayRuntime relay;

  @AfterEach
  void stop() {
    relay.stop();
    vertx.close();
  }

  @Test
  void aClientThatStopsReadingIsClosedAndCostsTheOthersNothing() throws Exception {
    relay = TestRelay.start(dataDir, Map.of("relay.max-client-backlog-bytes", String.valueOf(1 << 20)));
    Random random = new Random(3);
    List<Event> big = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      byte[] noise = new byte[100_000];
      random.nextBytes(noise);
      big.add(TestEvents.note(HexFormat.of().formatHex(noise)));
    }
    try (TestClient publisher = TestClient.connect(vertx, relay.port());
        TestClient stalled = TestClient.connectSmallBuffer(vertx, relay.port());
        TestClient compressed = TestClient.connectCompressed(vertx, relay.port());
        TestClient plain = TestClient.connect(vertx, relay.port())) {
      for (TestClient c : List.of(stalled, compressed, plain)) {
        c.send("[\"REQ\",\"live\",{\"kinds\":[1]}]");
        c.untilEose("live");
      }
      stalled.stopReading();

      // One event at a time, each read by both readers before the next: the readers' backlog
      // stays one event deep, while the stalled client's grows past the limit.
      for (Event e : big) {
        publisher.sendAsync(publish(e));
        for (TestClient reader : List.of(compressed, plain)) {
          JsonArray m = reader.nextMatching(x -> "EVENT".equals(x.getString(0)));
          assertThat(m.getJsonObject(2).getString("id")).isEqualTo(e.id());
        }
      }
      assertThat(Poll.until(() -> slowConsumers() >= 1, Duration.ofSeconds(10))).as("the stalled client counted").isTrue();
      assertThat(slowConsumers()).as("only the stalled client").isEqualTo(1);
      stalled.resumeReading();
      JsonArray closed = stalled.nextMatching(m -> "CLOSED".equals(m.getString(0)));
      assertThat(closed.getString(1)).isEqualTo("live");
      assertThat(closed.getString(2)).startsWith("error: client is not reading fast enough");
    }
  }

  private double slowConsumers() {
    try {
      String text = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + relay.port() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = Pattern.compile("(?m)^relay_slow_consumers_total\\S* (\\S+)$").matcher(text);
      return m.find() ? Double.parseDouble(m.group(1)) : 0;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
