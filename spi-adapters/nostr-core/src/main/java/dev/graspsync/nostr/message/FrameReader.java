package dev.graspsync.nostr.message;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.EventFormatException;
import dev.graspsync.nostr.event.EventJsonReader;
import dev.graspsync.nostr.event.Hex;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.filter.FilterJson;
import dev.graspsync.nostr.json.JsonTokens;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the elements of one message array in order, failing with a {@link MalformedFrame} that
 * names the message type and the element. Remembers the subscription id once it was read, so a
 * relay can answer a bad REQ with CLOSED.
 */
final class FrameReader {
  /** NIP-01 leaves the limit to relays; 64 is what most relays and NIP-11 defaults use. */
  static final int MAX_SUBSCRIPTION_ID = 64;
  private static final int MAX_TYPE_IN_REASON = 32;

  private final JsonParser p;
  private final String text;
  private String type = "message";
  private Optional<String> subscriptionId = Optional.empty();

  FrameReader(JsonParser parser, String text) {
    this.p = parser;
    this.text = text;
  }

  Optional<String> knownSubscriptionId() {
    return subscriptionId;
  }

  /** Opens the array and reads the message type. */
  String begin() throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new MalformedFrame("empty message");
    }
    if (t != JsonToken.START_ARRAY) {
      throw new MalformedFrame("message must be a JSON array, got " + JsonTokens.describe(t));
    }
    t = p.nextToken();
    if (t == JsonToken.END_ARRAY) {
      throw new MalformedFrame("message must not be an empty array");
    }
    if (t != JsonToken.VALUE_STRING) {
      throw new MalformedFrame("message type must be a string, got " + JsonTokens.describe(t));
    }
    type = p.getText();
    return type;
  }

  MalformedFrame unknownType() {
    String shown = type.length() > MAX_TYPE_IN_REASON ? type.substring(0, MAX_TYPE_IN_REASON) + "..." : type;
    return new MalformedFrame("unknown message type " + shown);
  }

  String readSubscriptionId() throws IOException {
    String id = string("subscription id");
    if (id.isEmpty()) {
      throw fail("subscription id must not be empty");
    }
    if (id.length() > MAX_SUBSCRIPTION_ID) {
      throw fail("subscription id longer than " + MAX_SUBSCRIPTION_ID + " characters");
    }
    subscriptionId = Optional.of(id);
    return id;
  }

  String string(String what) throws IOException {
    JsonToken t = element(what);
    if (t != JsonToken.VALUE_STRING) {
      throw fail(what + " must be a string, got " + JsonTokens.describe(t));
    }
    return p.getText();
  }

  boolean bool(String what) throws IOException {
    JsonToken t = element(what);
    if (t == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (t == JsonToken.VALUE_FALSE) {
      return false;
    }
    throw fail(what + " must be true or false, got " + JsonTokens.describe(t));
  }

  /** 64 lower-case hex characters (an event id). */
  String eventId(String what) throws IOException {
    String s = string(what);
    if (!Hex.isLowerHex(s, 64)) {
      throw fail(what + " must be 64 lower-case hex characters");
    }
    return s;
  }

  /** A NIP-77 message: non-empty, even-length hex; returned lower-case. */
  String negentropyHex(String what) throws IOException {
    String s = string(what).toLowerCase(Locale.ROOT);
    if (s.isEmpty() || !Hex.isLowerHex(s, s.length()) || (s.length() & 1) != 0) {
      throw fail(what + " must be a non-empty, even-length hex string");
    }
    return s;
  }

  Event event() throws IOException {
    JsonToken t = element("event");
    if (t != JsonToken.START_OBJECT) {
      throw fail("event must be a JSON object, got " + JsonTokens.describe(t));
    }
    try {
      return EventJsonReader.read(p, text);
    } catch (EventFormatException e) {
      throw fail("invalid event: " + e.getMessage());
    }
  }

  Filter filter() throws IOException {
    return filterAt(element("filter"), 0);
  }

  /** One or more filters up to the end of the array; closes the array. */
  List<Filter> filtersToEnd() throws IOException {
    List<Filter> filters = new ArrayList<>(2);
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      filters.add(filterAt(t, filters.size()));
    }
    if (filters.isEmpty()) {
      throw fail("at least one filter is required");
    }
    finish();
    return filters;
  }

  /** The {"count": n} object of a relay's COUNT answer. */
  long countObject() throws IOException {
    JsonToken t = element("count object");
    if (t != JsonToken.START_OBJECT) {
      throw fail("count object must be a JSON object, got " + JsonTokens.describe(t));
    }
    long count = -1;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      if (name.equals("count")) {
        if (count >= 0) {
          throw fail("count: duplicate key");
        }
        count = JsonTokens.nonNegativeLong(p);
        if (count < 0) {
          throw fail("count: " + JsonTokens.nonNegativeLongProblem(count, v));
        }
      } else {
        p.skipChildren();
      }
    }
    if (count < 0) {
      throw fail("count object has no count");
    }
    return count;
  }

  /** Closes the array: no element may follow, and nothing may follow the array. */
  void end() throws IOException {
    JsonToken t = p.nextToken();
    if (t != JsonToken.END_ARRAY) {
      throw fail("unexpected extra element");
    }
    finish();
  }

  private void finish() throws IOException {
    if (p.nextToken() != null) {
      throw new MalformedFrame("unexpected data after the message array");
    }
  }

  private Filter filterAt(JsonToken t, int index) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      throw fail("filter " + (index + 1) + " must be a JSON object, got " + JsonTokens.describe(t));
    }
    try {
      return FilterJson.read(p);
    } catch (EventFormatException e) {
      throw fail("invalid filter: " + e.getMessage());
    }
  }

  private JsonToken element(String what) throws IOException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.END_ARRAY) {
      throw fail("missing " + what);
    }
    return t;
  }

  MalformedFrame fail(String problem) {
    return new MalformedFrame(type + ": " + problem);
  }
}
