package dev.graspsync.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.harness.NodeScripts;
import dev.graspsync.it.host.ReferenceRelay;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nostr-tools, a client written by others, publishes to the reference host and queries it back. */
class NostrToolsClientTest {
  @TempDir Path dir;

  @Test
  void nostrToolsPublishesAndQueriesTheReferenceHost() throws Exception {
    try (ReferenceRelay relay = ReferenceRelay.start(dir)) {
      String out = NodeScripts.run(List.of("clients/publish-and-query.mjs", relay.url()), "").trim();
      io.vertx.core.json.JsonObject result = new io.vertx.core.json.JsonObject(out.substring(out.lastIndexOf('\n') + 1));
      String id = result.getString("published");
      assertThat(result.getBoolean("ok")).as("publish answer: %s", result.getString("reason")).isTrue();
      assertThat(result.getJsonArray("found").getList()).as("ids queried back").containsOnly(id).isNotEmpty();
    }
  }
}
