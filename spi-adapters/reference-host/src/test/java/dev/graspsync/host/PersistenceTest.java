package dev.graspsync.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.host.testing.Poll;
import dev.graspsync.host.testing.TestClient;
import dev.graspsync.host.testing.TestEvents;
import dev.graspsync.host.testing.TestRelay;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events survive a graceful restart on the same data directory; stopping closes clients. */
class PersistenceTest {
  @TempDir Path dataDir;
  final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    TestClient.await(vertx.close());
  }

  @Test
  void eventsAcknowledgedBeforeAStopAreServedAfterTheRestart() {
    Keys author = Keys.generate();
    List<Event> published = new ArrayList<>();
    RelayRuntime first = TestRelay.start(dataDir, Map.of());
    try (TestClient c = TestClient.connect(vertx, first.port())) {
      for (int i = 0; i < 20; i++) {
        Event e = TestEvents.note(author, "persist " + i, 1_700_000_000 + i);
        c.send(TestEvents.publish(e));
        assertThat(c.next().getBoolean(2)).isTrue();
        published.add(e);
      }
    }
    first.stop();

    RelayRuntime second = TestRelay.start(dataDir, Map.of());
    try (TestClient c = TestClient.connect(vertx, second.port())) {
      c.send("[\"REQ\",\"all\",{\"authors\":[\"" + author.publicKeyHex() + "\"]}]");
      List<JsonArray> got = c.untilEose("all");
      Set<String> ids = got.stream().filter(m -> "EVENT".equals(m.getString(0)))
          .map(m -> m.getJsonObject(2).getString("id")).collect(Collectors.toSet());
      assertThat(ids).containsExactlyInAnyOrderElementsOf(published.stream().map(Event::id).toList());
    } finally {
      second.stop();
    }
  }

  @Test
  void stoppingClosesClientConnections() {
    RelayRuntime relay = TestRelay.start(dataDir, Map.of());
    TestClient c = TestClient.connect(vertx, relay.port());
    try {
      relay.stop();
      assertThat(Poll.until(c::isClosed, TestClient.WAIT)).isTrue();
    } finally {
      c.close();
    }
  }
}
