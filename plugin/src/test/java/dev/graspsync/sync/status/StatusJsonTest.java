package dev.graspsync.sync.status;

import static dev.graspsync.sync.status.StatusFixtures.HOSTILE_PROBLEM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.health.Health;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status document: every field always present, under the names docs/monitoring.md gives. */
class StatusJsonTest {
  static final List<String> TOTALS = List.of("repositories", "root_events", "relays_tracked", "relays_connected",
      "relays_syncing", "relays_degraded", "relays_dead", "relays_history_active", "relays_history_waiting");
  static final List<String> RELAY_FIELDS = List.of("relay", "bootstrap", "connection", "connection_code", "health",
      "health_code", "consecutive_failures", "confirmed_items", "parked_items", "pending_batches",
      "live_subscriptions", "open_subscriptions", "subscription_limit", "live_overflow_filters", "nip77", "history_incomplete_filters", "history_turn", "last_problem", "next_attempt", "last_heartbeat");

  private static JsonObject write(SyncStatus status) {
    return new JsonObject(StatusJson.write(status));
  }

  @Test
  void totalsCountTheRelaysByStateAndHealth() {
    JsonObject doc = write(StatusFixtures.status(
        StatusFixtures.live("wss://a.example"),
        StatusFixtures.syncing("wss://b.example"),
        StatusFixtures.failing("wss://c.example", Health.DEGRADED, "connect failed"),
        StatusFixtures.failing("wss://d.example", Health.DEAD, "connect failed")));

    assertThat(doc.fieldNames()).containsExactlyInAnyOrder("at", "totals", "relays");
    assertThat(doc.getString("at")).isEqualTo("2026-03-01T12:00:00Z");
    JsonObject totals = doc.getJsonObject("totals");
    assertThat(totals.fieldNames()).containsExactlyInAnyOrderElementsOf(TOTALS);
    assertThat(totals.getInteger("repositories")).isEqualTo(7);
    assertThat(totals.getInteger("root_events")).isEqualTo(11);
    assertThat(totals.getInteger("relays_tracked")).isEqualTo(4);
    assertThat(totals.getInteger("relays_connected")).isEqualTo(2);
    assertThat(totals.getInteger("relays_syncing")).isEqualTo(1);
    assertThat(totals.getInteger("relays_degraded")).isEqualTo(1);
    assertThat(totals.getInteger("relays_dead")).isEqualTo(1);
    assertThat(totals.getInteger("relays_history_active")).isEqualTo(1);
    assertThat(totals.getInteger("relays_history_waiting")).isZero();
  }

  @Test
  void aRelayHasEveryFieldWithNullForWhatIsNotKnown() {
    JsonArray relays = write(StatusFixtures.status(
        StatusFixtures.syncing("wss://b.example"),
        StatusFixtures.failing("wss://d.example", Health.RATE_LIMITED, "CLOSED rate-limited: slow down"))).getJsonArray("relays");

    JsonObject syncing = relays.getJsonObject(0);
    assertThat(syncing.fieldNames()).containsExactlyInAnyOrderElementsOf(RELAY_FIELDS);
    assertThat(syncing.getString("relay")).isEqualTo("wss://b.example");
    assertThat(syncing.getBoolean("bootstrap")).isFalse();
    assertThat(syncing.getString("connection")).isEqualTo("syncing");
    assertThat(syncing.getInteger("connection_code")).isEqualTo(2);
    assertThat(syncing.getString("health")).isEqualTo("healthy");
    assertThat(syncing.getInteger("health_code")).isEqualTo(1);
    assertThat(syncing.getInteger("pending_batches")).isEqualTo(2);
    assertThat(syncing.getInteger("live_subscriptions")).isEqualTo(2);
    assertThat(syncing.getInteger("subscription_limit")).isEqualTo(20);
    assertThat(syncing.getInteger("live_overflow_filters")).isEqualTo(3);
    assertThat(syncing.getInteger("history_incomplete_filters")).isEqualTo(2);
    assertThat(syncing.getString("history_turn")).isEqualTo("active");
    assertThat(syncing.getInteger("open_subscriptions")).isEqualTo(4);
    assertThat(syncing.getString("nip77")).as("not known without a connection's word").isEqualTo("unknown");
    assertThat(syncing.containsKey("last_problem")).isTrue();
    assertThat(syncing.getValue("last_problem")).isNull();
    assertThat(syncing.getValue("next_attempt")).isNull();
    assertThat(syncing.getValue("last_heartbeat")).isNull();

    JsonObject limited = relays.getJsonObject(1);
    assertThat(limited.getString("health")).isEqualTo("rate_limited");
    assertThat(limited.getInteger("health_code")).isEqualTo(5);
    assertThat(limited.getInteger("consecutive_failures")).isEqualTo(6);
    assertThat(limited.getInteger("parked_items")).isEqualTo(9);
    assertThat(limited.getString("last_problem")).isEqualTo("CLOSED rate-limited: slow down");
    assertThat(limited.getString("next_attempt")).isEqualTo("2026-03-01T12:05:00Z");
    assertThat(limited.getString("last_heartbeat")).isEqualTo("2026-02-28T12:00:00Z");
  }

  @Test
  void textFromRelaysArrivesExactlyAsItWasWhateverItContains() {
    String json = StatusJson.write(StatusFixtures.status(
        StatusFixtures.failing("wss://x.example/p\"ath", Health.DEGRADED, HOSTILE_PROBLEM)));

    JsonObject relay = new JsonObject(json).getJsonArray("relays").getJsonObject(0);
    assertThat(relay.getString("relay")).isEqualTo("wss://x.example/p\"ath");
    assertThat(relay.getString("last_problem")).isEqualTo(HOSTILE_PROBLEM);
  }

  @Test
  void everyFieldIsDocumentedForOperators() throws IOException {
    String page = Files.readString(Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
        .resolve("../docs/monitoring.md"));
    assertThat(TOTALS).allSatisfy(f -> assertThat(page).contains("`totals." + f + "`"));
    assertThat(RELAY_FIELDS).allSatisfy(f -> assertThat(page).contains("| `" + f + "` |"));
  }

  @Test
  void anEmptyBoardIsAValidDocument() {
    JsonObject doc = write(StatusFixtures.status());
    assertThat(doc.getJsonArray("relays")).isEmpty();
    assertThat(doc.getJsonObject("totals").getInteger("relays_tracked")).isZero();
  }
}
