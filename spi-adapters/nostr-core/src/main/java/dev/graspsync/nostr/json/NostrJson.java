package dev.graspsync.nostr.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;

/**
 * The one Jackson streaming factory of nostr-core (thread-safe, shared), configured for strict
 * RFC 8259 input: no comments, no unquoted control characters, no leading zeros, no NaN.
 *
 * <p>Internal to nostr-core's codecs; other modules use {@code Event.fromJson}, {@code
 * Filter.fromJson} and {@code MessageCodec}.
 */
public final class NostrJson {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          // Locations are needed for char offsets only; the source text would be copied into
          // every error message otherwise.
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(64)
                  .maxNumberLength(64)
                  .maxStringLength(64 * 1024 * 1024)
                  .build())
          .build();

  private NostrJson() {}

  /** A parser over {@code text}; token locations are char offsets into {@code text}. */
  public static JsonParser parser(String text) throws IOException {
    return FACTORY.createParser(text);
  }
}
