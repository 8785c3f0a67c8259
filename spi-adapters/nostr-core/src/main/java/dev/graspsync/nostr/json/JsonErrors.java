package dev.graspsync.nostr.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;

/** Turns Jackson's parse failures into one-line reasons a person can act on. */
public final class JsonErrors {
  private static final int MAX_REASON = 200;

  private JsonErrors() {}

  /** {@code "invalid JSON: ..."}, never longer than a couple of hundred characters. */
  public static String describe(JsonProcessingException e) {
    if (e instanceof JsonEOFException) {
      return "invalid JSON: truncated (unexpected end of input)";
    }
    return "invalid JSON: " + firstLine(e.getOriginalMessage());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    return line.length() > MAX_REASON ? line.substring(0, MAX_REASON) + "..." : line;
  }
}
