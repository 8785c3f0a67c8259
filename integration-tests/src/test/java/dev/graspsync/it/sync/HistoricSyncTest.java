package dev.graspsync.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.harness.Eventually;
import dev.graspsync.it.harness.NodeRelay;
import dev.graspsync.it.harness.NodeScripts;
import dev.graspsync.it.harness.NostrTestClient;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.sync.GraspSyncPlugin;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host that starts empty pulls a repository's whole history from a relay written by others. */
class HistoricSyncTest {
  private static final String OWN_URL = "ws://127.0.0.1:9";
  private Vertx vertx;

  @TempDir Path dir;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void historyFromABootstrapRelayArrivesComplete() {
    try (NodeRelay external = NodeRelay.nostrRelay("--max-subscriptions", "200")) {
      List<Event> fixtures = NodeScripts.sign(RepoFixtures.repoWithHistory(external.url(), OWN_URL, 20, 3));
      try (NostrTestClient client = NostrTestClient.connect(vertx, external.url())) {
        fixtures.forEach(e -> assertThat(client.publish(e).accepted()).isTrue());
      }
      try (EmbeddedHost host = EmbeddedHost.start(vertx, dir.resolve("host"), OWN_URL,
          Map.of("bootstrap-relays", external.url(), "allow-private-addresses", "true",
              "batch-window-ms", "50", "startup-jitter-ms", "0"),
          new GraspSyncPlugin())) {
        Eventually.untilAsserted(Duration.ofSeconds(30), () ->
            assertThat(fixtures).allSatisfy(e -> assertThat(host.has(e.id())).as(e.kind() + " " + e.id()).isTrue()));
      }
    }
  }
}
