package dev.graspsync.nostr.message;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.graspsync.nostr.json.JsonErrors;
import dev.graspsync.nostr.json.NostrJson;
import java.util.Optional;

/** The never-throwing frame around both decoders: parser lifecycle and error translation. */
final class FrameDecoding {
  /** What a decoder does with an opened frame whose type has been read. */
  @FunctionalInterface
  interface Body<T> {
    T read(FrameReader frame, String type) throws Exception;
  }

  private FrameDecoding() {}

  static <T> Decoded<T> decode(String text, Body<T> body) {
    if (text == null || text.isEmpty()) {
      return new Decoded.Malformed<>("empty message");
    }
    FrameReader frame = null;
    try (JsonParser p = NostrJson.parser(text)) {
      frame = new FrameReader(p, text);
      String type = frame.begin();
      return new Decoded.Ok<>(body.read(frame, type));
    } catch (MalformedFrame e) {
      return new Decoded.Malformed<>(e.getMessage(), known(frame));
    } catch (JsonProcessingException e) {
      return new Decoded.Malformed<>(JsonErrors.describe(e), known(frame));
    } catch (Exception | StackOverflowError e) {
      // nothing may escape into a socket handler
      return new Decoded.Malformed<>("unreadable message: " + e.getClass().getSimpleName(), known(frame));
    }
  }

  private static Optional<String> known(FrameReader frame) {
    return frame == null ? Optional.empty() : frame.knownSubscriptionId();
  }
}
