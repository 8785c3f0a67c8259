package dev.graspsync.host.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.host.RelayRuntime;
import dev.graspsync.host.testing.TestClient;
import dev.graspsync.host.testing.TestEvents;
import dev.graspsync.host.testing.TestRelay;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** events-per-second per connection, on a clock the test moves. */
class RateLimitTest {
  @TempDir Path dataDir;
  final MutableClock clock = new MutableClock(1_000_000);
  RelayRuntime relay;
  Vertx vertx;
  TestClient a;
  TestClient b;

  @AfterEach
  void stop() {
    a.close();
    b.close();
    relay.stop();
    TestClient.await(vertx.close());
  }

  JsonArray publish(TestClient c, Event e) {
    c.send(TestEvents.publish(e));
    return c.nextMatching(m -> "OK".equals(m.getString(0)) && e.id().equals(m.getString(1)));
  }

  @Test
  void pastTheBurstEventsAreRateLimitedUntilTimePassesAndOtherConnectionsAreUnaffected() {
    relay = TestRelay.start(dataDir, Map.of("relay.events-per-second", "2", "relay.events-burst", "3"), clock);
    vertx = Vertx.vertx();
    a = TestClient.connect(vertx, relay.port());
    b = TestClient.connect(vertx, relay.port());
    Keys keys = Keys.generate();

    for (int i = 0; i < 3; i++) {
      assertThat(publish(a, TestEvents.note(keys, "burst " + i, 1_700_000_000 + i)).getBoolean(2)).isTrue();
    }
    JsonArray limited = publish(a, TestEvents.note(keys, "one too many", 1_700_000_010));
    assertThat(limited.getBoolean(2)).isFalse();
    assertThat(limited.getString(3)).startsWith("rate-limited:");

    assertThat(publish(b, TestEvents.note(keys, "other connection", 1_700_000_020)).getBoolean(2)).isTrue();

    clock.advanceMillis(500); // one token at 2 per second
    assertThat(publish(a, TestEvents.note(keys, "after waiting", 1_700_000_030)).getBoolean(2)).isTrue();
    assertThat(publish(a, TestEvents.note(keys, "too soon", 1_700_000_040)).getBoolean(2)).isFalse();
  }
}
