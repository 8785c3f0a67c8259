package dev.graspsync.nostr.crypto;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The checked-in vectors signed by nostr-tools (see src/test/vectors/generate.mjs). */
public final class NostrToolsVectors {
  /** One signed event as nostr-tools serialised it. */
  public record Vector(String name, boolean nip01Divergent, String json, String id, String pubkey, String secretKey) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static List<Vector> cache;

  private NostrToolsVectors() {}

  public static synchronized List<Vector> all() {
    if (cache == null) {
      cache = load();
    }
    return cache;
  }

  private static List<Vector> load() {
    try (InputStream in = NostrToolsVectors.class.getResourceAsStream("/vectors/vectors.json");
        JsonParser p = new JsonFactory().createParser(in)) {
      List<Vector> out = new ArrayList<>();
      while (p.nextToken() != null) {
        if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("vectors")) {
          p.nextToken();
          while (p.nextToken() == JsonToken.START_OBJECT) {
            Map<String, String> f = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String name = p.currentName();
              p.nextToken();
              f.put(name, p.getValueAsString());
            }
            out.add(new Vector(f.get("name"), Boolean.parseBoolean(f.get("nip01Divergent")), f.get("json"), f.get("id"), f.get("pubkey"), f.get("secretKey")));
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
