package dev.graspsync.nostr.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.graspsync.nostr.json.JsonErrors;
import dev.graspsync.nostr.json.JsonTokens;
import dev.graspsync.nostr.json.NostrJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Strict streaming reader of one event object (Jackson core, no data binding). Unknown fields
 * are skipped; duplicate fields, missing fields, wrong types and out-of-range numbers are
 * {@link EventFormatException}s whose message starts with the field name.
 */
public final class EventJsonReader {
  private static final int ID = 1;
  private static final int PUBKEY = 2;
  private static final int CREATED_AT = 4;
  private static final int KIND = 8;
  private static final int TAGS = 16;
  private static final int CONTENT = 32;
  private static final int SIG = 64;
  private static final int ALL = 127;

  private EventJsonReader() {}

  static Event read(String json) {
    if (json == null) {
      throw new EventFormatException("event: no JSON given");
    }
    try (JsonParser p = NostrJson.parser(json)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new EventFormatException("event: empty input");
      }
      Event event = readObject(p, json);
      if (p.nextToken() != null) {
        throw new EventFormatException("event: unexpected data after the event object");
      }
      return event;
    } catch (JsonProcessingException e) {
      throw new EventFormatException(JsonErrors.describe(e), e);
    } catch (IOException e) {
      throw new EventFormatException("event: unreadable: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the event object whose {@code START_OBJECT} is {@code parser}'s current token, leaving
   * the parser on its {@code END_OBJECT}. The event's {@code json} is the exact slice of
   * {@code source} from the opening to the closing brace, so the parser must read {@code
   * source} as characters (one made by {@code NostrJson.parser(source)}): its token locations
   * are taken as char offsets into it.
   *
   * @throws EventFormatException naming the field and the problem
   * @throws IOException when the JSON itself is broken (Jackson's exceptions)
   */
  public static Event read(JsonParser parser, String source) throws IOException {
    return readObject(parser, source);
  }

  private static Event readObject(JsonParser p, String source) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new EventFormatException("event: must be a JSON object, got " + JsonTokens.describe(p.currentToken()));
    }
    int start = (int) p.currentTokenLocation().getCharOffset();
    String id = null;
    String pubkey = null;
    String content = null;
    String sig = null;
    long createdAt = 0;
    int kind = 0;
    List<List<String>> tags = null;
    int seen = 0;
    Set<String> unknown = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "id" -> {
          seen = mark(seen, ID, name);
          id = hex(p, v, name, 64);
        }
        case "pubkey" -> {
          seen = mark(seen, PUBKEY, name);
          pubkey = hex(p, v, name, 64);
        }
        case "sig" -> {
          seen = mark(seen, SIG, name);
          sig = hex(p, v, name, 128);
        }
        case "created_at" -> {
          seen = mark(seen, CREATED_AT, name);
          long value = JsonTokens.nonNegativeLong(p);
          if (value < 0) {
            throw new EventFormatException("created_at: " + JsonTokens.nonNegativeLongProblem(value, v));
          }
          createdAt = value;
        }
        case "kind" -> {
          seen = mark(seen, KIND, name);
          kind = kind(p, v);
        }
        case "tags" -> {
          seen = mark(seen, TAGS, name);
          tags = tags(p, v);
        }
        case "content" -> {
          seen = mark(seen, CONTENT, name);
          if (v != JsonToken.VALUE_STRING) {
            throw new EventFormatException("content: must be a string, got " + JsonTokens.describe(v));
          }
          content = p.getText();
        }
        default -> {
          if (unknown == null) {
            unknown = new HashSet<>();
          }
          if (!unknown.add(name)) {
            throw new EventFormatException(name + ": duplicate field");
          }
          p.skipChildren();
        }
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new EventFormatException("event: malformed object");
    }
    if (seen != ALL) {
      throw new EventFormatException(missing(seen) + ": missing field");
    }
    int end = (int) p.currentTokenLocation().getCharOffset() + 1;
    return new Event(id, pubkey, createdAt, kind, tags, content, sig, source.substring(start, end));
  }

  private static int mark(int seen, int bit, String name) {
    if ((seen & bit) != 0) {
      throw new EventFormatException(name + ": duplicate field");
    }
    return seen | bit;
  }

  private static String hex(JsonParser p, JsonToken v, String name, int length) throws IOException {
    if (v != JsonToken.VALUE_STRING) {
      throw new EventFormatException(name + ": must be a string of " + length + " lower-case hex characters, got " + JsonTokens.describe(v));
    }
    String s = p.getText();
    if (!Hex.isLowerHex(s, length)) {
      throw new EventFormatException(
          name + ": must be " + length + " lower-case hex characters, got " + s.length() + " characters"
              + (s.length() == length ? " with a non-hex or upper-case one" : ""));
    }
    return s;
  }

  private static int kind(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
      int k = p.getIntValue();
      if (k >= 0 && k <= 65535) {
        return k;
      }
      throw new EventFormatException("kind: must be between 0 and 65535, got " + k);
    }
    if (v == JsonToken.VALUE_NUMBER_INT) {
      throw new EventFormatException("kind: must be between 0 and 65535, got a larger integer");
    }
    throw new EventFormatException("kind: must be an integer between 0 and 65535, got " + JsonTokens.describe(v));
  }

  private static List<List<String>> tags(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_ARRAY) {
      throw new EventFormatException("tags: must be an array of arrays of strings, got " + JsonTokens.describe(v));
    }
    List<List<String>> tags = new ArrayList<>();
    String[] scratch = new String[8];
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_ARRAY) {
        throw new EventFormatException("tags[" + tags.size() + "]: must be an array of strings, got " + JsonTokens.describe(t));
      }
      int n = 0;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t != JsonToken.VALUE_STRING) {
          throw new EventFormatException("tags[" + tags.size() + "][" + n + "]: must be a string, got " + JsonTokens.describe(t));
        }
        if (n == scratch.length) {
          scratch = Arrays.copyOf(scratch, n * 2);
        }
        scratch[n++] = p.getText();
      }
      tags.add(tag(scratch, n));
    }
    return List.copyOf(tags);
  }

  private static List<String> tag(String[] s, int n) {
    return switch (n) {
      case 0 -> List.of();
      case 1 -> List.of(s[0]);
      case 2 -> List.of(s[0], s[1]);
      case 3 -> List.of(s[0], s[1], s[2]);
      case 4 -> List.of(s[0], s[1], s[2], s[3]);
      default -> List.of(Arrays.copyOf(s, n));
    };
  }

  private static String missing(int seen) {
    String[] names = {"id", "pubkey", "created_at", "kind", "tags", "content", "sig"};
    for (int i = 0; i < names.length; i++) {
      if ((seen & (1 << i)) == 0) {
        return names[i];
      }
    }
    return "event";
  }
}
