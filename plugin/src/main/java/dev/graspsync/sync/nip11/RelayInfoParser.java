package dev.graspsync.sync.nip11;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a NIP-11 document (pure). Relays in the wild send numbers as strings, nulls, nested
 * surprises: a field of the wrong type is skipped, not fatal. Only a body that is not one
 * JSON object is {@link RelayInfoResult.Garbage}.
 */
public final class RelayInfoParser {
  private static final JsonFactory JSON = new JsonFactory();

  private RelayInfoParser() {}

  public static RelayInfoResult parse(byte[] body) {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return new RelayInfoResult.Garbage("not a JSON object");
      }
      RelayInfo info = readDocument(p);
      if (p.nextToken() != null) {
        return new RelayInfoResult.Garbage("trailing content after the JSON object");
      }
      return new RelayInfoResult.Found(info);
    } catch (JsonProcessingException e) {
      return new RelayInfoResult.Garbage("bad JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return new RelayInfoResult.Garbage("unreadable: " + e.getMessage());
    }
  }

  private static RelayInfo readDocument(JsonParser p) throws IOException {
    Optional<String> name = Optional.empty();
    Optional<String> software = Optional.empty();
    Optional<String> version = Optional.empty();
    Set<Integer> nips = Set.of();
    List<String> grasps = List.of();
    RelayLimitation limitation = RelayLimitation.NONE;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "name" -> name = text(p);
        case "software" -> software = text(p);
        case "version" -> version = text(p);
        case "supported_nips" -> nips = nips(p);
        case "supported_grasps" -> grasps = strings(p);
        case "limitation" -> limitation = limitation(p);
        default -> p.skipChildren();
      }
    }
    return new RelayInfo(name, software, version, nips, grasps, limitation);
  }

  private static RelayLimitation limitation(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return RelayLimitation.NONE;
    }
    OptionalInt maxMessageLength = OptionalInt.empty();
    OptionalInt maxSubscriptions = OptionalInt.empty();
    OptionalInt maxFilters = OptionalInt.empty();
    OptionalInt maxLimit = OptionalInt.empty();
    OptionalInt defaultLimit = OptionalInt.empty();
    OptionalInt maxSubidLength = OptionalInt.empty();
    OptionalInt maxEventTags = OptionalInt.empty();
    OptionalInt maxContentLength = OptionalInt.empty();
    Optional<Boolean> authRequired = Optional.empty();
    Optional<Boolean> restrictedWrites = Optional.empty();
    Optional<Boolean> paymentRequired = Optional.empty();
    OptionalLong createdAtLower = OptionalLong.empty();
    OptionalLong createdAtUpper = OptionalLong.empty();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "max_message_length" -> maxMessageLength = count(p);
        case "max_subscriptions" -> maxSubscriptions = count(p);
        case "max_filters" -> maxFilters = count(p);
        case "max_limit" -> maxLimit = count(p);
        case "default_limit" -> defaultLimit = count(p);
        case "max_subid_length" -> maxSubidLength = count(p);
        case "max_event_tags" -> maxEventTags = count(p);
        case "max_content_length" -> maxContentLength = count(p);
        case "auth_required" -> authRequired = bool(p);
        case "restricted_writes" -> restrictedWrites = bool(p);
        case "payment_required" -> paymentRequired = bool(p);
        case "created_at_lower_limit" -> createdAtLower = number(p);
        case "created_at_upper_limit" -> createdAtUpper = number(p);
        default -> p.skipChildren();
      }
    }
    return new RelayLimitation(
        maxMessageLength,
        maxSubscriptions,
        maxFilters,
        maxLimit,
        defaultLimit,
        maxSubidLength,
        maxEventTags,
        maxContentLength,
        authRequired,
        restrictedWrites,
        paymentRequired,
        createdAtLower,
        createdAtUpper);
  }

  private static Optional<String> text(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      return Optional.of(p.getText());
    }
    p.skipChildren();
    return Optional.empty();
  }

  /** A whole number, also when sent as a string ("100"). */
  private static OptionalLong number(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      return OptionalLong.of(p.getLongValue());
    }
    if (t == JsonToken.VALUE_STRING) {
      try {
        return OptionalLong.of(Long.parseLong(p.getText().trim()));
      } catch (NumberFormatException e) {
        return OptionalLong.empty();
      }
    }
    p.skipChildren();
    return OptionalLong.empty();
  }

  /** A non-negative int-sized number; anything else is absent. */
  private static OptionalInt count(JsonParser p) throws IOException {
    OptionalLong n = number(p);
    if (n.isPresent() && n.getAsLong() >= 0 && n.getAsLong() <= Integer.MAX_VALUE) {
      return OptionalInt.of((int) n.getAsLong());
    }
    return OptionalInt.empty();
  }

  private static Optional<Boolean> bool(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
      return Optional.of(t == JsonToken.VALUE_TRUE);
    }
    p.skipChildren();
    return Optional.empty();
  }

  private static Set<Integer> nips(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      p.skipChildren();
      return Set.of();
    }
    Set<Integer> nips = new LinkedHashSet<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
      count(p).ifPresent(nips::add);
    }
    return nips;
  }

  private static List<String> strings(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      p.skipChildren();
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
      text(p).ifPresent(values::add);
    }
    return values;
  }
}
