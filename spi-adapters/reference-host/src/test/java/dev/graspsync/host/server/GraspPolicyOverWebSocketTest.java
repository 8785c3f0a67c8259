package dev.graspsync.host.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.host.RelayRuntime;
import dev.graspsync.host.testing.TestClient;
import dev.graspsync.host.testing.TestEvents;
import dev.graspsync.host.testing.TestRelay;
import dev.graspsync.nostr.crypto.EventSigner;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.EventTemplate;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GRASP-01 policy as a client meets it: the relay's own URL (the bound port when
 * relay.port is 0) decides which announcements it takes. The rules in depth are the
 * engine's tests; these check the host wires its URL and aliases into them.
 */
class GraspPolicyOverWebSocketTest {
  @TempDir static Path dataDir;
  static RelayRuntime relay;
  static Vertx vertx;
  static TestClient client;
  static final Keys owner = Keys.generate();

  @BeforeAll
  static void start() {
    relay = TestRelay.start(dataDir, Map.of("relay.policy", "grasp", "relay.url-aliases", "wss://alias.example"));
    vertx = Vertx.vertx();
    client = TestClient.connect(vertx, relay.port());
  }

  @AfterAll
  static void stop() {
    client.close();
    relay.stop();
    TestClient.await(vertx.close());
  }

  static Event announcement(String d, String... relays) {
    List<String> relaysTag = new java.util.ArrayList<>(List.of("relays"));
    relaysTag.addAll(List.of(relays));
    return EventSigner.sign(new EventTemplate(1_700_000_000, 30617,
        List.of(List.of("d", d), List.of("name", d), relaysTag), ""), owner);
  }

  static JsonArray publish(Event e) {
    client.send(TestEvents.publish(e));
    return client.nextMatching(m -> "OK".equals(m.getString(0)) && e.id().equals(m.getString(1)));
  }

  @Test
  void anAnnouncementListingThisRelayIsAcceptedAndOneThatDoesNotIsRefused() {
    assertThat(publish(announcement("here", relay.url())).getBoolean(2)).isTrue();
    assertThat(publish(announcement("by-alias", "wss://alias.example/")).getBoolean(2)).isTrue();

    JsonArray elsewhere = publish(announcement("elsewhere", "wss://other.example"));
    assertThat(elsewhere.getBoolean(2)).isFalse();
    assertThat(elsewhere.getString(3)).matches("^(blocked|restricted): .+");
  }

  @Test
  void eventsAboutAnAcceptedRepositoryAreAcceptedAndUnrelatedOnesAreNot() {
    Event repo = announcement("patched", relay.url());
    assertThat(publish(repo).getBoolean(2)).isTrue();
    Event patch = EventSigner.sign(new EventTemplate(1_700_000_100, 1617,
        List.of(List.of("a", "30617:" + owner.publicKeyHex() + ":patched")), "diff"), Keys.generate());
    assertThat(publish(patch).getBoolean(2)).isTrue();

    JsonArray unrelated = publish(TestEvents.note(Keys.generate(), "just a note", 1_700_000_000));
    assertThat(unrelated.getBoolean(2)).isFalse();
    assertThat(unrelated.getString(3)).matches("^(blocked|restricted): .+");
  }
}
