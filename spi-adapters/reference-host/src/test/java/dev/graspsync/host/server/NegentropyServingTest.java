package dev.graspsync.host.server;

import static dev.graspsync.host.testing.TestEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.host.RelayRuntime;
import dev.graspsync.host.testing.TestClient;
import dev.graspsync.host.testing.TestEvents;
import dev.graspsync.host.testing.TestRelay;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Hex;
import dev.graspsync.nostr.negentropy.Negentropy;
import dev.graspsync.nostr.negentropy.PackedStorage;
import dev.graspsync.nostr.negentropy.PackedStorageBuilder;
import dev.graspsync.nostr.negentropy.Reconciliation;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NIP-77 served over real WebSockets: a Java initiator reconciles against the relay's store. */
class NegentropyServingTest {
  static final int FRAME = 4096;
  static final int MAX_RECORDS = 600;

  @TempDir static Path dataDir;
  static RelayRuntime relay;
  static Vertx vertx;
  /** 600 events of one author (the most records), 300 of them in one second so that bounds split ids. */
  static final List<Event> stored = new ArrayList<>();
  static final Keys author = Keys.generate();
  final List<TestClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    relay = TestRelay.start(dataDir, Map.of(
        "relay.negentropy-frame-size", String.valueOf(FRAME),
        "relay.negentropy-max-records", String.valueOf(MAX_RECORDS),
        "relay.negentropy-max-open", "2"));
    vertx = Vertx.vertx();
    TestClient c = TestClient.connect(vertx, relay.port());
    for (int i = 0; i < 600; i++) {
      Event e = TestEvents.note(author, "n" + i, i < 300 ? 1_700_000_000 : 1_700_000_000 + i);
      stored.add(e);
      c.send(publish(e));
      c.nextMatching(m -> "OK".equals(m.getString(0)) && e.id().equals(m.getString(1)));
    }
    Event other = TestEvents.note(Keys.generate(), "another author's", 1_700_000_000);
    c.send(publish(other));
    c.nextMatching(m -> "OK".equals(m.getString(0)) && other.id().equals(m.getString(1)));
    c.close();
  }

  @AfterAll
  static void stop() {
    relay.stop();
    TestClient.await(vertx.close());
  }

  @AfterEach
  void closeClients() {
    clients.forEach(TestClient::close);
  }

  TestClient client() {
    TestClient c = TestClient.connect(vertx, relay.port());
    clients.add(c);
    return c;
  }

  static String authorFilter() {
    return "{\"authors\":[\"" + author.publicKeyHex() + "\"]}";
  }

  @Test
  void anInitiatorLearnsExactlyWhatTheRelayHasAndLacksWithinTheFrameLimit() {
    PackedStorageBuilder local = PackedStorage.builder();
    List<String> expectedNeed = new ArrayList<>();
    for (int i = 0; i < stored.size(); i++) {
      if (i % 7 == 0) {
        expectedNeed.add(stored.get(i).id());
      } else {
        local.add(stored.get(i).createdAt(), stored.get(i).id());
      }
    }
    Event extra = TestEvents.note(author, "only here", 1_700_000_100);
    local.add(extra.createdAt(), extra.id());

    Negentropy initiator = Negentropy.initiator(local.seal(), FRAME);
    TestClient c = client();
    c.send(negOpen("sync", authorFilter(), initiator.initiate()));
    List<String> have = new ArrayList<>();
    List<String> need = new ArrayList<>();
    int rounds = 0;
    while (true) {
      JsonArray reply = c.next();
      assertThat(TestClient.items(reply)).startsWith("NEG-MSG", "sync");
      assertThat(reply.getString(2).length() / 2).as("relay message bytes").isLessThanOrEqualTo(FRAME);
      rounds++;
      Reconciliation r = initiator.reconcile(Hex.decode(reply.getString(2)));
      have.addAll(r.have());
      need.addAll(r.need());
      if (r.done()) {
        break;
      }
      c.send("[\"NEG-MSG\",\"sync\",\"" + Hex.encode(r.next().get()) + "\"]");
    }
    c.send("[\"NEG-CLOSE\",\"sync\"]");
    assertThat(need).containsExactlyInAnyOrderElementsOf(expectedNeed);
    assertThat(have).containsExactly(extra.id());
    assertThat(rounds).isGreaterThan(1);
  }

  @Test
  void aFilterMatchingMoreThanTheMostRecordsIsBlocked() {
    TestClient c = client();
    c.send(negOpen("big", "{}", emptyInitiate()));
    JsonArray err = c.next();
    assertThat(TestClient.items(err)).startsWith("NEG-ERR", "big");
    assertThat(err.getString(2)).startsWith("blocked:").contains("since/until");
  }

  @Test
  void openReconciliationsPerConnectionAreBounded() {
    TestClient c = client();
    for (String id : List.of("a", "b")) {
      c.send(negOpen(id, authorFilter(), emptyInitiate()));
      assertThat(TestClient.items(c.next())).startsWith("NEG-MSG", id);
    }
    c.send(negOpen("c", authorFilter(), emptyInitiate()));
    JsonArray err = c.next();
    assertThat(TestClient.items(err)).startsWith("NEG-ERR", "c");
    assertThat(err.getString(2)).startsWith("blocked:");

    c.send("[\"NEG-CLOSE\",\"a\"]");
    c.send(negOpen("c", authorFilter(), emptyInitiate()));
    assertThat(TestClient.items(c.next())).startsWith("NEG-MSG", "c");
  }

  @Test
  void aClosedOrUnknownReconciliationAnswersClosed() {
    TestClient c = client();
    c.send(negOpen("x", authorFilter(), emptyInitiate()));
    assertThat(TestClient.items(c.next())).startsWith("NEG-MSG", "x");
    c.send("[\"NEG-CLOSE\",\"x\"]");
    c.send("[\"NEG-MSG\",\"x\",\"6100000200\"]");
    JsonArray err = c.next();
    assertThat(TestClient.items(err)).startsWith("NEG-ERR", "x");
    assertThat(err.getString(2)).startsWith("closed:");
  }

  @Test
  void garbageIsInvalidAndAnotherVersionGetsOurs() {
    TestClient c = client();
    c.send(negOpen("v", authorFilter(), new byte[] {0x62, 0x00}));
    assertThat(TestClient.items(c.next())).containsExactly("NEG-MSG", "v", "61");

    c.send("[\"NEG-OPEN\",\"g\"," + authorFilter() + ",\"61000007\"]");
    JsonArray bad = c.next();
    assertThat(TestClient.items(bad)).startsWith("NEG-ERR", "g");
    assertThat(bad.getString(2)).startsWith("invalid:");

    c.send("[\"NEG-OPEN\",\"h\"," + authorFilter() + ",\"not hex\"]");
    JsonArray notHex = c.next();
    assertThat(TestClient.items(notHex)).startsWith("NEG-ERR", "h");
    assertThat(notHex.getString(2)).startsWith("invalid:");
  }

  @Test
  void anIdleReconciliationIsClosed(@TempDir Path otherDir) {
    RelayRuntime idle = TestRelay.start(otherDir, Map.of("relay.negentropy-idle-seconds", "1"));
    try (TestClient c = TestClient.connect(vertx, idle.port())) {
      c.send(negOpen("slow", "{}", emptyInitiate()));
      assertThat(TestClient.items(c.next())).startsWith("NEG-MSG", "slow");
      JsonArray err = c.next();
      assertThat(TestClient.items(err)).startsWith("NEG-ERR", "slow");
      assertThat(err.getString(2)).startsWith("closed:");
    } finally {
      idle.stop();
    }
  }

  static byte[] emptyInitiate() {
    return Negentropy.initiator(PackedStorage.empty(), 0).initiate();
  }

  static String negOpen(String id, String filter, byte[] message) {
    return "[\"NEG-OPEN\",\"" + id + "\"," + filter + ",\"" + Hex.encode(message) + "\"]";
  }
}
