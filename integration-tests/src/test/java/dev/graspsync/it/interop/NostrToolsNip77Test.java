package dev.graspsync.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.BulkEvents;
import dev.graspsync.it.harness.NodeScripts;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.nostr.event.Event;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nostr-tools' own NIP-77 client, written by others, syncs from the reference host: it learns
 * exactly the events it lacks and the one the relay lacks, and fetches the missing ones.
 */
class NostrToolsNip77Test {
  @TempDir Path dir;

  @Test
  void nostrToolsReconcilesAgainstTheReferenceHostAndFetchesWhatItLacks() throws Exception {
    String repo = BulkEvents.repoRef("nip77");
    List<Event> onRelay = BulkEvents.issues(repo, "alice", 400, BulkEvents.now(), 50);
    Event onlyLocal = BulkEvents.issue(repo, "bob", "never published", BulkEvents.now() - 5);
    List<String> missing = new ArrayList<>();
    StringBuilder local = new StringBuilder();
    for (int i = 0; i < onRelay.size(); i++) {
      Event e = onRelay.get(i);
      if (i % 10 == 3) {
        missing.add(e.id());
      } else {
        local.append(e.createdAt()).append(',').append(e.id()).append('\n');
      }
    }
    local.append(onlyLocal.createdAt()).append(',').append(onlyLocal.id()).append('\n');

    Vertx vertx = Vertx.vertx();
    try (ReferenceRelay relay = ReferenceRelay.start(dir)) {
      relay.publish(vertx, onRelay);
      String filter = "{\"kinds\":[1621],\"#a\":[\"" + repo + "\"]}";
      String out = NodeScripts.run(List.of("clients/nip77-sync.mjs", relay.url(), filter), local.toString()).trim();
      JsonObject result = new JsonObject(out.substring(out.lastIndexOf('\n') + 1));
      assertThat(result.getString("error")).isEmpty();
      assertThat(result.getJsonArray("need").getList()).containsExactlyInAnyOrderElementsOf(missing);
      assertThat(result.getJsonArray("have").getList()).containsExactly(onlyLocal.id());
      assertThat(result.getJsonArray("fetched").getList()).containsExactlyInAnyOrderElementsOf(missing);
    } finally {
      vertx.close().await();
    }
  }
}
