package dev.graspsync.host.server;

import static dev.graspsync.host.testing.TestEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.host.RelayRuntime;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages a connection has waiting in one loop turn go out framed in one buffer: a history
 * stream reaches plain and compressing clients whole and in order, in far fewer socket writes
 * than messages.
 */
class GatheredWritesTest {
  private static final int STORED = 200;

  @TempDir Path dataDir;
  Vertx vertx;
  RelayRuntime relay;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    if (relay != null) {
      relay.stop();
    }
    vertx.close();
  }

  @Test
  void aHistoryStreamArrivesWholeAndInOrderInFarFewerWritesThanMessages() throws Exception {
    relay = TestRelay.start(dataDir, Map.of());
    List<String> newestFirst = new ArrayList<>();
    long now = System.currentTimeMillis() / 1000;
    try (TestClient publisher = TestClient.connect(vertx, relay.port());
        TestClient compressed = TestClient.connectCompressed(vertx, relay.port());
        TestClient plain = TestClient.connect(vertx, relay.port())) {
      for (int i = 0; i < STORED; i++) {
        // every fourth one long enough to go out compressed to the client that negotiated it
        String content = i % 4 == 0 ? ("event " + i + " is a long one; ").repeat(60) : "event " + i;
        Event e = TestEvents.note(TestEvents.ALICE, content, now - STORED + i);
        publisher.send(publish(e));
        assertThat(publisher.next().getBoolean(2)).isTrue();
        newestFirst.add(0, e.id());
      }
      double messagesBefore = metric("relay_websocket_sent_messages_total\\{compression=\"plain\"[^}]*}")
          + metric("relay_websocket_sent_messages_total\\{compression=\"deflated\"[^}]*}");
      double writesBefore = metric("relay_websocket_writes_total");
      double deflatedBefore = metric("relay_websocket_sent_messages_total\\{compression=\"deflated\"[^}]*}");

      String req = "[\"REQ\",\"all\",{\"kinds\":[1]}]";
      compressed.send(req);
      plain.send(req);

      assertThat(ids(compressed.untilEose("all"))).containsExactlyElementsOf(newestFirst);
      assertThat(ids(plain.untilEose("all"))).containsExactlyElementsOf(newestFirst);
      double messages = metric("relay_websocket_sent_messages_total\\{compression=\"plain\"[^}]*}")
          + metric("relay_websocket_sent_messages_total\\{compression=\"deflated\"[^}]*}") - messagesBefore;
      double writes = metric("relay_websocket_writes_total") - writesBefore;
      assertThat(messages).isEqualTo(2 * (STORED + 1));
      assertThat(metric("relay_websocket_sent_messages_total\\{compression=\"deflated\"[^}]*}") - deflatedBefore)
          .as("the long events, to the client that negotiated compression").isEqualTo(STORED / 4);
      assertThat(writes).as("socket writes for %s messages", messages).isPositive().isLessThan(messages / 4);
    }
  }

  private static List<String> ids(List<JsonArray> messages) {
    return messages.stream().filter(m -> "EVENT".equals(m.getString(0))).map(m -> m.getJsonObject(2).getString("id")).toList();
  }

  private double metric(String pattern) throws Exception {
    String text = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + relay.port() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("(?m)^" + pattern + " (\\S+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
