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
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that negotiate permessage-deflate and clients that do not, on the same relay: both
 * read the same messages, and the relay's counters show which ones went out compressed and
 * that the messages a connection had waiting went out gathered into few socket writes.
 */
class CompressedDeliveryTest {
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
  void compressedAndPlainSubscribersReadTheSameStoredAndLiveEvents() throws Exception {
    relay = TestRelay.start(dataDir, Map.of());
    Event storedBig = TestEvents.note("stored before anyone asked; ".repeat(40));
    try (TestClient publisher = TestClient.connect(vertx, relay.port());
        TestClient compressed = TestClient.connectCompressed(vertx, relay.port());
        TestClient plain = TestClient.connect(vertx, relay.port())) {
      publisher.send(publish(storedBig));
      assertThat(publisher.next().getBoolean(2)).isTrue();
      String req = "[\"REQ\",\"s\",{\"kinds\":[1]}]";
      compressed.send(req);
      plain.send(req);
      assertThat(events(compressed.untilEose("s"))).containsExactly(storedBig.id());
      assertThat(events(plain.untilEose("s"))).containsExactly(storedBig.id());
      double deflatedBefore = sentMessages("deflated");

      Event liveBig = TestEvents.note("live, and long enough to be worth compressing ".repeat(20));
      Event liveSmall = TestEvents.note("short");
      publisher.send(publish(liveBig));
      publisher.send(publish(liveSmall));

      // The stored event was sent with the stored ones; its live fan-out, whenever it reaches the
      // subscribers' loop, is not sent again: the next two EVENTs are the live ones.
      for (TestClient client : new TestClient[] {compressed, plain}) {
        JsonArray first = client.nextMatching(m -> "EVENT".equals(m.getString(0)));
        JsonArray second = client.nextMatching(m -> "EVENT".equals(m.getString(0)));
        assertThat(first.getString(1)).isEqualTo("s");
        assertThat(first.getJsonObject(2)).isEqualTo(new JsonObject(liveBig.json()));
        assertThat(second.getJsonObject(2)).isEqualTo(new JsonObject(liveSmall.json()));
      }
      assertThat(sentMessages("deflated") - deflatedBefore).as("only the big live event, to the compressed client")
          .isEqualTo(1);
    }
  }

  @Test
  void withCompressionOffAClientThatOffersItGetsPlainMessages() throws Exception {
    relay = TestRelay.start(dataDir, Map.of("relay.websocket-compression", "off"));
    Event big = TestEvents.note("long enough to be worth compressing ".repeat(40));
    try (TestClient publisher = TestClient.connect(vertx, relay.port());
        TestClient compressed = TestClient.connectCompressed(vertx, relay.port())) {
      compressed.send("[\"REQ\",\"s\",{\"kinds\":[1]}]");
      compressed.untilEose("s");
      publisher.send(publish(big));

      assertThat(compressed.nextMatching(m -> "EVENT".equals(m.getString(0))).getJsonObject(2)).isEqualTo(new JsonObject(big.json()));
      assertThat(sentMessages("deflated")).isZero();
    }
  }

  @Test
  void byDefaultAClientLibraryThatNegotiatesCompressionIsSentPlainMessagesAndABrowserCompressedOnes() throws Exception {
    relay = TestRelay.start(dataDir, Map.of());
    assertLibraryAndBrowserReadDeflated(0, 1);
  }

  @Test
  void withCompressionOnEveryClientThatNegotiatesItIsSentCompressedMessages() throws Exception {
    relay = TestRelay.start(dataDir, Map.of("relay.websocket-compression", "on"));
    assertLibraryAndBrowserReadDeflated(1, 1);
  }

  /** Both read the same big event live; the counters tell how many went out compressed to each. */
  private void assertLibraryAndBrowserReadDeflated(int library, int browser) throws Exception {
    Event big = TestEvents.note("long enough to be worth compressing ".repeat(40));
    String req = "[\"REQ\",\"s\",{\"kinds\":[1]}]";
    try (TestClient publisher = TestClient.connect(vertx, relay.port());
        TestClient libraryClient = TestClient.connectCompressedLibrary(vertx, relay.port());
        TestClient browserClient = TestClient.connectCompressed(vertx, relay.port())) {
      libraryClient.send(req);
      libraryClient.untilEose("s");
      publisher.send(publish(big));
      assertThat(libraryClient.nextMatching(m -> "EVENT".equals(m.getString(0))).getJsonObject(2)).isEqualTo(new JsonObject(big.json()));
      assertThat(sentMessages("deflated")).as("compressed messages to the library client").isEqualTo(library);

      browserClient.send(req);
      assertThat(events(browserClient.untilEose("s"))).containsExactly(big.id());
      assertThat(sentMessages("deflated")).as("compressed messages to both").isEqualTo(library + browser);
    }
  }

  @Test
  void aHistoryStreamArrivesWholeAndInOrderInFarFewerWritesThanMessages() throws Exception {
    relay = TestRelay.start(dataDir, Map.of());
    int stored = 200;
    java.util.List<String> newestFirst = new java.util.ArrayList<>();
    long now = System.currentTimeMillis() / 1000;
    try (TestClient publisher = TestClient.connect(vertx, relay.port());
        TestClient compressed = TestClient.connectCompressed(vertx, relay.port());
        TestClient plain = TestClient.connect(vertx, relay.port())) {
      for (int i = 0; i < stored; i++) {
        // every fourth one long enough to go out compressed to the client that negotiated it
        String content = i % 4 == 0 ? ("event " + i + " is a long one; ").repeat(60) : "event " + i;
        Event e = TestEvents.note(TestEvents.ALICE, content, now - stored + i);
        publisher.send(publish(e));
        assertThat(publisher.next().getBoolean(2)).isTrue();
        newestFirst.add(0, e.id());
      }
      double deflatedBefore = sentMessages("deflated");
      double messagesBefore = deflatedBefore + sentMessages("plain");
      double writesBefore = socketWrites();

      String req = "[\"REQ\",\"all\",{\"kinds\":[1]}]";
      compressed.send(req);
      plain.send(req);

      assertThat(events(compressed.untilEose("all"))).containsExactlyElementsOf(newestFirst);
      assertThat(events(plain.untilEose("all"))).containsExactlyElementsOf(newestFirst);
      double messages = sentMessages("deflated") + sentMessages("plain") - messagesBefore;
      double writes = socketWrites() - writesBefore;
      assertThat(messages).isEqualTo(2 * (stored + 1));
      assertThat(sentMessages("deflated") - deflatedBefore).as("the long events, to the client that negotiated compression")
          .isEqualTo(stored / 4);
      assertThat(writes).as("socket writes for %s messages", messages).isPositive().isLessThan(messages / 4);
    }
  }

  private static java.util.List<String> events(java.util.List<JsonArray> messages) {
    return messages.stream().filter(m -> "EVENT".equals(m.getString(0))).map(m -> m.getJsonObject(2).getString("id")).toList();
  }

  private double sentMessages(String compression) throws Exception {
    return metric("relay_websocket_sent_messages_total\\{compression=\"" + compression + "\"[^}]*} (\\S+)");
  }

  private double socketWrites() throws Exception {
    return metric("(?m)^relay_websocket_writes_total (\\S+)$");
  }

  private double metric(String pattern) throws Exception {
    String text = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + relay.port() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile(pattern).matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
