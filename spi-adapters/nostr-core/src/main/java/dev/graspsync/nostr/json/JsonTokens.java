package dev.graspsync.nostr.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Small, shared judgements about tokens, so every codec words its errors alike. */
public final class JsonTokens {
  private JsonTokens() {}

  /** "a string", "an array", "end of input"... for "must be X, got Y" messages. */
  public static String describe(JsonToken t) {
    if (t == null) {
      return "end of input";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case END_ARRAY -> "end of array";
      case END_OBJECT -> "end of object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a floating-point number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.name();
    };
  }

  /**
   * The current integer token as a non-negative long.
   *
   * @return the value, or -1 when the token is an integer that is negative, -2 when it does not
   *     fit a long, -3 when it is not an integer at all
   */
  public static long nonNegativeLong(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      return -3;
    }
    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      return p.getBigIntegerValue().signum() < 0 ? -1 : -2;
    }
    long v = p.getLongValue();
    return v < 0 ? -1 : v;
  }

  /** Reason for a {@link #nonNegativeLong} failure code, e.g. {@code "must be an integer, got a string"}. */
  public static String nonNegativeLongProblem(long code, JsonToken t) {
    if (code == -1) {
      return "must not be negative";
    }
    if (code == -2) {
      return "out of range (does not fit a 64-bit integer)";
    }
    return "must be a non-negative integer, got " + describe(t);
  }
}
