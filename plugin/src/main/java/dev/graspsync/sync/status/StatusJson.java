package dev.graspsync.sync.status;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code GET /sync/status} document. Field names are an interface operators script
 * against (docs/monitoring.md lists them): add fields, never rename or remove one. Absent
 * values are JSON {@code null}, so every field is always there; times are ISO-8601 UTC.
 */
public final class StatusJson {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private StatusJson() {}

  public static String write(SyncStatus status) {
    StringWriter out = new StringWriter(256 + 512 * status.relays().size());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("at", status.at().toString());
      g.writeObjectFieldStart("totals");
      g.writeNumberField("repositories", status.repositories());
      g.writeNumberField("root_events", status.rootEvents());
      g.writeNumberField("relays_tracked", status.tracked());
      g.writeNumberField("relays_connected", status.connected());
      g.writeNumberField("relays_syncing", status.syncing());
      g.writeNumberField("relays_degraded", status.degraded());
      g.writeNumberField("relays_dead", status.dead());
      g.writeNumberField("relays_history_active", status.historyTurns("active"));
      g.writeNumberField("relays_history_waiting", status.historyTurns("waiting"));
      g.writeEndObject();
      g.writeArrayFieldStart("relays");
      for (RelayStatus r : status.relays()) {
        relay(g, r);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string cannot fail", e);
    }
    return out.toString();
  }

  private static void relay(JsonGenerator g, RelayStatus r) throws IOException {
    g.writeStartObject();
    g.writeStringField("relay", r.relay());
    g.writeBooleanField("bootstrap", r.bootstrap());
    g.writeStringField("connection", name(r.connection()));
    g.writeNumberField("connection_code", r.connection().metricValue());
    g.writeStringField("health", name(r.health()));
    g.writeNumberField("health_code", r.health().metricValue());
    g.writeNumberField("consecutive_failures", r.consecutiveFailures());
    g.writeNumberField("confirmed_items", r.confirmedItems());
    g.writeNumberField("parked_items", r.parkedItems());
    g.writeNumberField("pending_batches", r.pendingBatches());
    g.writeNumberField("live_subscriptions", r.liveSubscriptions());
    g.writeNumberField("open_subscriptions", r.openSubscriptions());
    g.writeNumberField("subscription_limit", r.subscriptionLimit());
    g.writeNumberField("live_overflow_filters", r.liveOverflowFilters());
    g.writeStringField("nip77", r.nip77());
    g.writeNumberField("history_incomplete_filters", r.historyIncompleteFilters());
    g.writeStringField("history_turn", r.historyTurn());
    optionalString(g, "last_problem", r.lastProblem());
    optionalString(g, "next_attempt", r.nextAttempt().map(Instant::toString));
    optionalString(g, "last_heartbeat", r.lastHeartbeat().map(Instant::toString));
    g.writeEndObject();
  }

  private static void optionalString(JsonGenerator g, String field, Optional<String> value) throws IOException {
    if (value.isPresent()) {
      g.writeStringField(field, value.get());
    } else {
      g.writeNullField(field);
    }
  }

  /** {@code CONNECTED_WITH_FAILURES} → {@code connected_with_failures}. */
  static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
