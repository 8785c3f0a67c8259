package dev.graspsync.host.server;

import static dev.graspsync.host.testing.TestEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.host.RelayRuntime;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NIP-01 over real WebSockets against a relay with small limits, message type by message type. */
class ConformanceTest {
  static final int MAX_MESSAGE = 8192;

  @TempDir static Path dataDir;
  static RelayRuntime relay;
  static Vertx vertx;
  final List<TestClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    relay = TestRelay.start(dataDir, Map.of(
        "relay.max-subscriptions", "3",
        "relay.max-filters", "2",
        "relay.max-message-bytes", String.valueOf(MAX_MESSAGE),
        "relay.max-event-tags", "50",
        "relay.max-limit", "100"));
    vertx = Vertx.vertx();
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

  /** A fresh author per test, so stored events of other tests never match. */
  static Keys author() {
    return Keys.generate();
  }

  static String authorFilter(Keys keys) {
    return "{\"authors\":[\"" + keys.publicKeyHex() + "\"]}";
  }

  static JsonArray ok(TestClient c, Event e) {
    c.send(publish(e));
    JsonArray m = c.nextMatching(a -> "OK".equals(a.getString(0)) && e.id().equals(a.getString(1)));
    return m;
  }

  @Test
  void anEventIsAcceptedOnceAndThenReportedAsDuplicate() {
    TestClient c = client();
    Event e = TestEvents.note(author(), "hello", 1_700_000_000);

    assertThat(ok(c, e).getBoolean(2)).isTrue();
    JsonArray again = ok(c, e);
    assertThat(again.getBoolean(2)).isTrue();
    assertThat(again.getString(3)).startsWith("duplicate:");
  }

  @Test
  void aWrongIdOrSignatureIsRefusedAsInvalid() {
    TestClient c = client();
    Event e = TestEvents.note(author(), "original", 1_700_000_000);

    String tampered = e.json().replace("\"original\"", "\"tampered\"");
    c.send("[\"EVENT\"," + tampered + "]");
    JsonArray badId = c.next();
    assertThat(badId.getString(0)).isEqualTo("OK");
    assertThat(badId.getBoolean(2)).isFalse();
    assertThat(badId.getString(3)).startsWith("invalid:");

    char last = e.sig().charAt(127);
    String otherSig = e.sig().substring(0, 127) + (last == '0' ? '1' : '0');
    c.send("[\"EVENT\"," + e.json().replace(e.sig(), otherSig) + "]");
    JsonArray badSig = c.next();
    assertThat(TestClient.items(badSig)).startsWith("OK", e.id(), false);
    assertThat(badSig.getString(3)).startsWith("invalid:");
  }

  @Test
  void reqSendsStoredEventsNewestFirstThenEoseThenLiveEvents() {
    Keys author = author();
    TestClient publisher = client();
    for (int i = 0; i < 3; i++) {
      ok(publisher, TestEvents.note(author, "n" + i, 1_700_000_000 + i));
    }
    TestClient reader = client();

    reader.send("[\"REQ\",\"feed\",{\"authors\":[\"" + author.publicKeyHex() + "\"],\"limit\":2}]");
    List<JsonArray> stored = reader.untilEose("feed");

    assertThat(stored).hasSize(3);
    assertThat(stored.get(0).getJsonObject(2).getString("content")).isEqualTo("n2");
    assertThat(stored.get(1).getJsonObject(2).getString("content")).isEqualTo("n1");

    Event live = TestEvents.note(author, "live", 1_600_000_000);
    ok(publisher, live);
    JsonArray pushed = reader.next();
    assertThat(pushed.getString(0)).isEqualTo("EVENT");
    assertThat(pushed.getString(1)).isEqualTo("feed");
    assertThat(pushed.getJsonObject(2).getString("id")).isEqualTo(live.id());
  }

  @Test
  void storedEventsKeepTheirOriginalJson() {
    Keys author = author();
    TestClient c = client();
    Event e = TestEvents.note(author, "ünïcode \"quoted\" \\ text", 1_700_000_000);
    ok(c, e);
    c.send("[\"REQ\",\"raw\"," + authorFilter(author) + "]");
    JsonArray got = c.next();
    assertThat(got.getJsonObject(2).encode()).isEqualTo(new io.vertx.core.json.JsonObject(e.json()).encode());
    assertThat(got.getJsonObject(2).getString("sig")).isEqualTo(e.sig());
  }

  @Test
  void closeStopsLiveEventsForThatSubscriptionOnly() {
    Keys author = author();
    TestClient c = client();
    c.send("[\"REQ\",\"closing\"," + authorFilter(author) + "]");
    c.untilEose("closing");
    c.send("[\"REQ\",\"witness\"," + authorFilter(author) + "]");
    c.untilEose("witness");
    c.send("[\"CLOSE\",\"closing\"]");

    Event e = TestEvents.note(author, "after close", 1_700_000_000);
    c.send(publish(e));
    List<JsonArray> seen = new ArrayList<>();
    c.nextMatching(m -> {
      seen.add(m);
      return "EVENT".equals(m.getString(0)) && "witness".equals(m.getString(1));
    });
    // anything sent with the witness's copy is on the wire before this probe's answer
    c.send("[\"COUNT\",\"probe\",{\"ids\":[\"" + e.id() + "\"]}]");
    c.nextMatching(m -> {
      seen.add(m);
      return "COUNT".equals(m.getString(0));
    });

    assertThat(seen).noneMatch(m -> "EVENT".equals(m.getString(0)) && "closing".equals(m.getString(1)));
  }

  @Test
  void aReqWithTheSameIdReplacesTheSubscription() {
    Keys first = author();
    Keys second = author();
    TestClient c = client();
    c.send("[\"REQ\",\"s\"," + authorFilter(first) + "]");
    c.untilEose("s");
    c.send("[\"REQ\",\"s\"," + authorFilter(second) + "]");
    c.untilEose("s");

    TestClient publisher = client();
    ok(publisher, TestEvents.note(first, "old filter", 1_700_000_000));
    Event wanted = TestEvents.note(second, "new filter", 1_700_000_000);
    ok(publisher, wanted);

    JsonArray live = c.next();
    assertThat(live.getJsonObject(2).getString("id")).isEqualTo(wanted.id());
  }

  @Test
  void tooManySubscriptionsOrFiltersAreClosedWithBlocked() {
    TestClient c = client();
    for (int i = 0; i < 3; i++) {
      c.send("[\"REQ\",\"sub" + i + "\",{\"kinds\":[1],\"limit\":0}]");
      c.untilEose("sub" + i);
    }
    c.send("[\"REQ\",\"one-too-many\",{\"kinds\":[1],\"limit\":0}]");
    JsonArray closed = c.next();
    assertThat(TestClient.items(closed)).startsWith("CLOSED", "one-too-many");
    assertThat(closed.getString(2)).startsWith("blocked:");

    c.send("[\"CLOSE\",\"sub0\"]");
    c.send("[\"REQ\",\"three-filters\",{\"kinds\":[1]},{\"kinds\":[2]},{\"kinds\":[3]}]");
    JsonArray tooMany = c.next();
    assertThat(TestClient.items(tooMany)).startsWith("CLOSED", "three-filters");
    assertThat(tooMany.getString(2)).startsWith("blocked:").contains("2 filters");

    c.send("[\"REQ\",\"fits-again\",{\"kinds\":[1],\"limit\":0}]");
    assertThat(TestClient.items(c.next())).containsExactly("EOSE", "fits-again");
  }

  @Test
  void countAnswersHowManyStoredEventsMatch() {
    Keys author = author();
    TestClient c = client();
    for (int i = 0; i < 4; i++) {
      ok(c, TestEvents.note(author, "c" + i, 1_700_000_000 + i));
    }
    c.send("[\"COUNT\",\"n\"," + authorFilter(author) + "]");
    JsonArray count = c.next();
    assertThat(count.getString(0)).isEqualTo("COUNT");
    assertThat(count.getString(1)).isEqualTo("n");
    assertThat(count.getJsonObject(2).getLong("count")).isEqualTo(4L);
  }

  @Test
  void malformedInputGetsANoticeAndTheConnectionKeepsWorking() {
    TestClient c = client();
    List<String> bad = List.of(
        "not json at all",
        "{\"an\":\"object\"}",
        "[]",
        "[\"EVENT\"]",
        "[\"FROB\",\"x\"]",
        "[\"REQ\",5,{}]",
        "[\"EVENT\",{\"id\":5}]",
        "[\"CLOSE\",1,2,3]");
    for (String text : bad) {
      c.send(text);
      JsonArray answer = c.next();
      assertThat(answer.getString(0)).as("answer to %s", text).isIn("NOTICE", "CLOSED", "OK");
      String reason = answer.getString(answer.size() - 1);
      assertThat(reason).as("reason for %s", text).matches("^(invalid|error|blocked): .+");
    }
    c.send("[\"REQ\",\"still-alive\",{\"limit\":0}]");
    assertThat(TestClient.items(c.next())).containsExactly("EOSE", "still-alive");
  }

  @Test
  void aBadFilterIsClosedWithItsSubscriptionId() {
    TestClient c = client();
    c.send("[\"REQ\",\"typed\",{\"kinds\":\"one\"}]");
    JsonArray m = c.next();
    assertThat(TestClient.items(m)).startsWith("CLOSED", "typed");
    assertThat(m.getString(2)).startsWith("invalid:");
  }

  @Test
  void anEventWithAMalformedFieldButAReadableIdGetsOkFalse() {
    TestClient c = client();
    Event e = TestEvents.note(author(), "x", 1_700_000_000);
    String broken = e.json().replace("\"kind\":1", "\"kind\":\"one\"");
    c.send("[\"EVENT\"," + broken + "]");
    JsonArray m = c.next();
    assertThat(TestClient.items(m)).startsWith("OK", e.id(), false);
    assertThat(m.getString(3)).startsWith("invalid:");
  }

  @Test
  void anOversizeMessageIsDroppedWithANoticeAndTheConnectionSurvives() {
    TestClient c = client();
    String big = "[\"REQ\",\"big\",{\"#t\":[\"" + "x".repeat(MAX_MESSAGE) + "\"]}]";
    c.send(big);
    JsonArray notice = c.next();
    assertThat(notice.getString(0)).isEqualTo("NOTICE");
    assertThat(notice.getString(1)).startsWith("invalid:").contains("max_message_length");

    c.send("[\"REQ\",\"after-big\",{\"limit\":0}]");
    assertThat(TestClient.items(c.next())).containsExactly("EOSE", "after-big");
  }

  @Test
  void aFloodFarBeyondTheLimitClosesOnlyThatConnection() {
    TestClient bystander = client();
    Keys author = author();
    bystander.send("[\"REQ\",\"watch\"," + authorFilter(author) + "]");
    bystander.untilEose("watch");

    TestClient flooder = client();
    flooder.sendAsync("[\"REQ\",\"huge\",{\"#t\":[\"" + "x".repeat(MAX_MESSAGE * 8 + 128 * 1024) + "\"]}]");
    assertThat(Poll.until(flooder::isClosed, TestClient.WAIT)).as("flooding connection closed").isTrue();

    TestClient publisher = client();
    Event e = TestEvents.note(author, "still serving", 1_700_000_000);
    assertThat(ok(publisher, e).getBoolean(2)).isTrue();
    assertThat(bystander.next().getJsonObject(2).getString("id")).isEqualTo(e.id());
  }

  @Test
  void anEventWithTooManyTagsIsRefused() {
    TestClient c = client();
    List<List<String>> tags = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      tags.add(List.of("t", "v" + i));
    }
    Event e = TestEvents.signed(1, tags, "tags", 1_700_000_000);
    JsonArray m = ok(c, e);
    assertThat(m.getBoolean(2)).isFalse();
    assertThat(m.getString(3)).startsWith("invalid:");
  }

  @Test
  void negentropyAuthAndBinaryAreAnsweredNotIgnored() {
    TestClient c = client();
    c.send("[\"NEG-OPEN\",\"neg\",{\"kinds\":[1]},\"6100000200\"]");
    JsonArray negMsg = c.next();
    assertThat(TestClient.items(negMsg)).startsWith("NEG-MSG", "neg");
    assertThat(negMsg.getString(2)).startsWith("61");

    Event auth = TestEvents.signed(22242, List.of(List.of("relay", "ws://x"), List.of("challenge", "c")), "", 1_700_000_000);
    c.send("[\"AUTH\"," + auth.json() + "]");
    JsonArray authOk = c.next();
    assertThat(TestClient.items(authOk)).startsWith("OK", auth.id(), false);
  }

  @Test
  void badInputFromOneClientCostsTheOthersNothing() {
    Keys author = author();
    TestClient watcher = client();
    watcher.send("[\"REQ\",\"w\"," + authorFilter(author) + "]");
    watcher.untilEose("w");

    TestClient abuser = client();
    Event valid = TestEvents.note(author(), "v", 1_700_000_000);
    for (int i = 0; i < 50; i++) {
      abuser.sendAsync("garbage " + i);
      abuser.sendAsync("[\"EVENT\"," + valid.json().replace(valid.sig(), "00".repeat(64)) + "]");
      abuser.sendAsync("[\"REQ\",\"" + UUID.randomUUID() + "\",{\"kinds\":[\"x\"]}]");
    }
    for (int i = 0; i < 150; i++) {
      abuser.next();
    }

    TestClient publisher = client();
    Event e = TestEvents.note(author, "for the watcher", 1_700_000_000);
    ok(publisher, e);
    assertThat(watcher.next().getJsonObject(2).getString("id")).isEqualTo(e.id());
  }
}
