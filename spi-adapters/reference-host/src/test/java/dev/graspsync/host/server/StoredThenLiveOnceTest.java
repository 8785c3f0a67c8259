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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event accepted just before a REQ reaches its subscriber once: with the stored events,
 * even when its live fan-out reaches the subscriber's event loop only after the stored query
 * read it. The test makes that order certain: a listener that runs after fan-out on the
 * engine's listener context blocks it on one event, so the fan-out of the next event waits
 * until the subscriber has its EOSE.
 */
class StoredThenLiveOnceTest {
  @TempDir Path dataDir;
  final Vertx vertx = Vertx.vertx();
  RelayRuntime relay;

  @AfterEach
  void stop() {
    if (relay != null) {
      relay.stop();
    }
    vertx.close();
  }

  @Test
  void anEventTheStoredQueryReturnedIsNotSentAgainWhenItsFanOutComesAfterTheEose() throws Exception {
    relay = TestRelay.start(dataDir, Map.of());
    Event gate = TestEvents.note("the listener context stops on this one");
    Event raced = TestEvents.note("accepted before the REQ, fanned out after its EOSE");
    Event later = TestEvents.note("accepted after the EOSE");
    CountDownLatch release = stopListenersOn(gate);
    try (TestClient publisher = TestClient.connect(vertx, relay.port());
        TestClient subscriber = TestClient.connect(vertx, relay.port())) {
      publisher.send(publish(gate));
      assertThat(publisher.next().getBoolean(2)).isTrue();
      publisher.send(publish(raced));
      assertThat(publisher.next().getBoolean(2)).as("stored, its fan-out still waiting").isTrue();

      subscriber.send("[\"REQ\",\"s\",{\"kinds\":[1]}]");
      assertThat(eventIds(subscriber.untilEose("s"))).containsExactlyInAnyOrder(raced.id(), gate.id());
      release.countDown();
      publisher.send(publish(later));
      assertThat(publisher.next().getBoolean(2)).isTrue();

      JsonArray firstLive = subscriber.nextMatching(m -> "EVENT".equals(m.getString(0)));
      assertThat(firstLive.getJsonObject(2).getString("id")).as("the first live event").isEqualTo(later.id());
    } finally {
      release.countDown();
    }
  }

  @Test
  void anEventAcceptedAfterTheStoredQueryTookItsSnapshotStillFollowsTheEose() throws Exception {
    relay = TestRelay.start(dataDir, Map.of());
    Event gate = TestEvents.note("the listener context stops on this one");
    Event afterReq = TestEvents.note("accepted after the REQ's snapshot");
    CountDownLatch release = stopListenersOn(gate);
    try (TestClient publisher = TestClient.connect(vertx, relay.port());
        TestClient subscriber = TestClient.connect(vertx, relay.port())) {
      publisher.send(publish(gate));
      assertThat(publisher.next().getBoolean(2)).isTrue();
      subscriber.send("[\"REQ\",\"s\",{\"kinds\":[1]}]");
      assertThat(eventIds(subscriber.untilEose("s"))).containsExactly(gate.id());
      publisher.send(publish(afterReq));
      assertThat(publisher.next().getBoolean(2)).isTrue();
      release.countDown();

      JsonArray live = subscriber.nextMatching(m -> "EVENT".equals(m.getString(0)));
      assertThat(live.getJsonObject(2).getString("id")).isEqualTo(afterReq.id());
    } finally {
      release.countDown();
    }
  }

  /**
   * Holds the engine's listener context on {@code gate} (after its fan-out) until the returned
   * latch is counted down, so the fan-out of every event accepted after it waits.
   */
  private CountDownLatch stopListenersOn(Event gate) {
    CountDownLatch release = new CountDownLatch(1);
    relay.engine().addListener(accepted -> {
      if (accepted.event().id().equals(gate.id())) {
        awaitQuietly(release);
      }
    });
    return release;
  }

  /** Bounded, so a test that fails cannot leave the listener context blocked. */
  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<String> eventIds(List<JsonArray> messages) {
    return messages.stream().filter(m -> "EVENT".equals(m.getString(0))).map(m -> m.getJsonObject(2).getString("id")).toList();
  }
}
