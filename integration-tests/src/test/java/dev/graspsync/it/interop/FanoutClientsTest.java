package dev.graspsync.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.harness.NodeScripts;
import dev.graspsync.it.host.ReferenceRelay;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live fan-out to web clients as they connect: `ws` subscribers (in a Node process), half of
 * them negotiating permessage-deflate as browsers do and half not, each with a live REQ; every
 * published event (about 3 KB, so over the compression threshold) reaches every one of them.
 * The clients send an Origin header, as browser pages do, so the relay's default
 * (compression for browsers) sends them compressed messages. The timed version is bench/live-fanout.sh.
 */
class FanoutClientsTest {
  static final int SUBSCRIBERS = 100;
  static final int EVENTS = 10;

  @TempDir Path dir;

  @Test
  void everyEventReachesEveryCompressedAndPlainSubscriber() throws Exception {
    try (ReferenceRelay relay = ReferenceRelay.start(dir)) {
      String out = NodeScripts.run(List.of("clients/live-fanout.mjs", "fanout", relay.url(),
          "--subscribers", String.valueOf(SUBSCRIBERS), "--events", String.valueOf(EVENTS), "--rate", "100",
          "--compression", "mixed", "--content-bytes", "3000", "--origin", "https://client.example"), "").trim();
      JsonObject result = new JsonObject(out.substring(out.lastIndexOf('\n') + 1));

      assertThat(result.getInteger("accepted")).isEqualTo(EVENTS);
      assertThat(result.getJsonArray("problems")).isEmpty();
      for (String kind : List.of("compressed", "plain")) {
        JsonObject group = result.getJsonObject("groups").getJsonObject(kind);
        assertThat(group.getInteger("subscribers")).as(kind).isEqualTo(SUBSCRIBERS / 2);
        assertThat(group.getInteger("received")).as(kind + " deliveries").isEqualTo(SUBSCRIBERS / 2 * EVENTS);
        assertThat(group.getInteger("complete")).as(kind + " subscribers with every event").isEqualTo(SUBSCRIBERS / 2);
      }
      assertThat(metric(relay, "relay_websocket_sent_messages_total\\{compression=\"deflated\"")).as("compressed deliveries")
          .isGreaterThanOrEqualTo(SUBSCRIBERS / 2 * EVENTS);
      assertThat(metric(relay, "relay_live_deliveries_total")).isEqualTo(SUBSCRIBERS * EVENTS);
    }
  }

  private static double metric(ReferenceRelay relay, String namePattern) throws Exception {
    String base = relay.url().replaceFirst("^ws", "http");
    String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("(?m)^" + namePattern + "[^ ]* (\\S+)$").matcher(text);
    assertThat(m.find()).as("%s in /metrics", namePattern).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
