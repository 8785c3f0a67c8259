package dev.graspsync.host.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The id of a malformed {@code ["EVENT", {...}]}, when one can be read, so the client gets
 * the {@code OK false} it waits for instead of only a NOTICE. Only used on the error path.
 */
final class EventIdPeek {
  private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

  private EventIdPeek() {}

  static Optional<String> of(String text) {
    if (!text.startsWith("[") || !text.contains("\"EVENT\"")) {
      return Optional.empty();
    }
    try {
      JsonArray frame = new JsonArray(text);
      if (frame.size() >= 2 && "EVENT".equals(frame.getValue(0)) && frame.getValue(1) instanceof JsonObject event
          && event.getValue("id") instanceof String id && ID.matcher(id).matches()) {
        return Optional.of(id);
      }
    } catch (RuntimeException notJson) {
      // not even JSON: nothing to read
    }
    return Optional.empty();
  }
}
