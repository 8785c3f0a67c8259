package dev.graspsync.nostr.filter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.graspsync.nostr.event.EventFormatException;
import dev.graspsync.nostr.event.Hex;
import dev.graspsync.nostr.json.JsonErrors;
import dev.graspsync.nostr.json.JsonText;
import dev.graspsync.nostr.json.JsonTokens;
import dev.graspsync.nostr.json.NostrJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Filter JSON both ways. Reading is strict about the fields NIP-01 defines ({@code ids} and
 * {@code authors} exactly 64 lower-case hex, kinds 0..65535, {@code since}/{@code until}
 * non-negative 64-bit integers, {@code #x} with exactly one ASCII letter and string values, no
 * duplicate keys) and ignores keys it does not know, as relays do. A {@code limit} above
 * {@link Integer#MAX_VALUE} means "no practical limit" and is read as that maximum.
 */
public final class FilterJson {
  private FilterJson() {}

  static Filter read(String json) {
    if (json == null) {
      throw new EventFormatException("filter: no JSON given");
    }
    try (JsonParser p = NostrJson.parser(json)) {
      p.nextToken();
      Filter f = read(p);
      if (p.nextToken() != null) {
        throw new EventFormatException("filter: unexpected data after the filter object");
      }
      return f;
    } catch (JsonProcessingException e) {
      throw new EventFormatException(JsonErrors.describe(e), e);
    } catch (IOException e) {
      throw new EventFormatException("filter: unreadable: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the filter object whose {@code START_OBJECT} is {@code parser}'s current token,
   * leaving the parser on its {@code END_OBJECT}.
   *
   * @throws EventFormatException naming the field and the problem
   * @throws IOException when the JSON itself is broken
   */
  public static Filter read(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new EventFormatException("filter: must be a JSON object, got " + JsonTokens.describe(p.currentToken()));
    }
    Optional<Set<String>> ids = Optional.empty();
    Optional<Set<String>> authors = Optional.empty();
    Optional<Set<Integer>> kinds = Optional.empty();
    Map<Character, Set<String>> tags = new LinkedHashMap<>();
    OptionalLong since = OptionalLong.empty();
    OptionalLong until = OptionalLong.empty();
    OptionalInt limit = OptionalInt.empty();
    Set<String> seen = new HashSet<>();
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      if (!seen.add(name)) {
        throw new EventFormatException(name + ": duplicate key");
      }
      switch (name) {
        case "ids" -> ids = Optional.of(hexes(p, v, name));
        case "authors" -> authors = Optional.of(hexes(p, v, name));
        case "kinds" -> kinds = Optional.of(kinds(p, v));
        case "since" -> since = OptionalLong.of(timestamp(p, v, name));
        case "until" -> until = OptionalLong.of(timestamp(p, v, name));
        case "limit" -> limit = OptionalInt.of(limit(p, v));
        default -> {
          if (name.startsWith("#")) {
            tags.put(tagLetter(name), strings(p, v, name));
          } else {
            p.skipChildren();
          }
        }
      }
    }
    return new Filter(ids, authors, kinds, tags, since, until, limit);
  }

  static String write(Filter filter) {
    return write(new StringBuilder(length(filter)), filter).toString();
  }

  /** Appends the filter's JSON object to {@code out}. */
  static StringBuilder write(StringBuilder out, Filter filter) {
    int start = out.length();
    out.append('{');
    filter.ids().ifPresent(s -> strings(out, start, "ids", s));
    filter.authors().ifPresent(s -> strings(out, start, "authors", s));
    filter.kinds().ifPresent(s -> {
      key(out, start, "kinds").append('[');
      boolean first = true;
      for (Integer k : s) {
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(k.intValue());
      }
      out.append(']');
    });
    filter.tags().forEach((letter, values) -> strings(out, start, "#" + letter, values));
    filter.since().ifPresent(v -> key(out, start, "since").append(v));
    filter.until().ifPresent(v -> key(out, start, "until").append(v));
    filter.limit().ifPresent(v -> key(out, start, "limit").append(v));
    return out.append('}');
  }

  /**
   * The length of {@link #write}'s text, counted without building it: packing filters into
   * REQs under a byte budget measures every filter, and building the text to measure it cost
   * as much as sending it.
   */
  static int length(Filter filter) {
    int n = 2;
    int fields = 0;
    if (filter.ids().isPresent()) {
      n += stringsLength("ids", filter.ids().get());
      fields++;
    }
    if (filter.authors().isPresent()) {
      n += stringsLength("authors", filter.authors().get());
      fields++;
    }
    if (filter.kinds().isPresent()) {
      Set<Integer> kinds = filter.kinds().get();
      n += keyLength("kinds") + 2 + Math.max(0, kinds.size() - 1);
      for (Integer k : kinds) {
        n += digits(k);
      }
      fields++;
    }
    for (Map.Entry<Character, Set<String>> tag : filter.tags().entrySet()) {
      n += stringsLength("#" + tag.getKey(), tag.getValue());
      fields++;
    }
    if (filter.since().isPresent()) {
      n += keyLength("since") + digits(filter.since().getAsLong());
      fields++;
    }
    if (filter.until().isPresent()) {
      n += keyLength("until") + digits(filter.until().getAsLong());
      fields++;
    }
    if (filter.limit().isPresent()) {
      n += keyLength("limit") + digits(filter.limit().getAsInt());
      fields++;
    }
    return n + Math.max(0, fields - 1);
  }

  private static int keyLength(String name) {
    return JsonText.quotedLength(name) + 1;
  }

  private static int stringsLength(String name, Set<String> values) {
    int n = keyLength(name) + 2 + Math.max(0, values.size() - 1);
    for (String v : values) {
      n += JsonText.quotedLength(v);
    }
    return n;
  }

  private static int digits(long v) {
    if (v < 0) {
      return 1 + (v == Long.MIN_VALUE ? 19 : digits(-v));
    }
    int d = 1;
    while (v >= 10) {
      v /= 10;
      d++;
    }
    return d;
  }

  private static StringBuilder key(StringBuilder out, int start, String name) {
    if (out.length() > start + 1) {
      out.append(',');
    }
    return JsonText.appendQuoted(out, name).append(':');
  }

  private static void strings(StringBuilder out, int start, String name, Set<String> values) {
    key(out, start, name).append('[');
    boolean first = true;
    for (String v : values) {
      if (!first) {
        out.append(',');
      }
      first = false;
      JsonText.appendQuoted(out, v);
    }
    out.append(']');
  }

  private static char tagLetter(String name) {
    if (name.length() != 2 || !isAsciiLetter(name.charAt(1))) {
      throw new EventFormatException(name + ": tag filter keys must be '#' followed by one letter a-z or A-Z");
    }
    return name.charAt(1);
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static void requireArray(JsonToken v, String name, String of) {
    if (v != JsonToken.START_ARRAY) {
      throw new EventFormatException(name + ": must be an array of " + of + ", got " + JsonTokens.describe(v));
    }
  }

  private static Set<String> hexes(JsonParser p, JsonToken v, String name) throws IOException {
    requireArray(v, name, "64-character lower-case hex strings");
    List<String> out = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.VALUE_STRING) {
        throw new EventFormatException(name + "[" + out.size() + "]: must be a string, got " + JsonTokens.describe(t));
      }
      String s = p.getText();
      if (!Hex.isLowerHex(s, 64)) {
        throw new EventFormatException(name + "[" + out.size() + "]: must be 64 lower-case hex characters");
      }
      out.add(s);
    }
    return StringSet.of(out);
  }

  private static Set<String> strings(JsonParser p, JsonToken v, String name) throws IOException {
    requireArray(v, name, "strings");
    List<String> out = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.VALUE_STRING) {
        throw new EventFormatException(name + "[" + out.size() + "]: must be a string, got " + JsonTokens.describe(t));
      }
      out.add(p.getText());
    }
    return StringSet.of(out);
  }

  private static Set<Integer> kinds(JsonParser p, JsonToken v) throws IOException {
    requireArray(v, "kinds", "integers 0..65535");
    List<Integer> out = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      long k = JsonTokens.nonNegativeLong(p);
      if (k < 0 || k > 65535) {
        throw new EventFormatException("kinds[" + out.size() + "]: must be an integer between 0 and 65535, got "
            + (t == JsonToken.VALUE_NUMBER_INT ? "one out of range" : JsonTokens.describe(t)));
      }
      out.add((int) k);
    }
    return KindSet.of(out);
  }

  private static long timestamp(JsonParser p, JsonToken v, String name) throws IOException {
    long value = JsonTokens.nonNegativeLong(p);
    if (value < 0) {
      throw new EventFormatException(name + ": " + JsonTokens.nonNegativeLongProblem(value, v));
    }
    return value;
  }

  private static int limit(JsonParser p, JsonToken v) throws IOException {
    long value = JsonTokens.nonNegativeLong(p);
    if (value == -2) {
      return Integer.MAX_VALUE;
    }
    if (value < 0) {
      throw new EventFormatException("limit: " + JsonTokens.nonNegativeLongProblem(value, v));
    }
    return (int) Math.min(value, Integer.MAX_VALUE);
  }
}
