package dev.graspsync.nostr.event;

import dev.graspsync.nostr.json.JsonText;
import java.util.List;

/**
 * NIP-01 canonical serialisation {@code [0,pubkey,created_at,kind,tags,content]}: compact,
 * only the seven escapes (\n \" \\ \r \t \b \f), every other character raw UTF-8. See {@link
 * CanonicalBuffer} for where JavaScript's {@code JSON.stringify} differs.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** UTF-8 bytes of the canonical serialisation. */
  public static byte[] serialize(String pubkey, long createdAt, int kind, List<List<String>> tags, String content) {
    return CanonicalBuffer.local().write(pubkey, createdAt, kind, tags, content).copy();
  }

  /** SHA-256 of the canonical serialisation: the 32 bytes of the event id. */
  public static byte[] hash(String pubkey, long createdAt, int kind, List<List<String>> tags, String content) {
    return CanonicalBuffer.local().write(pubkey, createdAt, kind, tags, content).sha256().clone();
  }

  /** Lower-case hex SHA-256 of the canonical serialisation. */
  public static String computeId(String pubkey, long createdAt, int kind, List<List<String>> tags, String content) {
    return Hex.encode(CanonicalBuffer.local().write(pubkey, createdAt, kind, tags, content).sha256());
  }

  /**
   * True when {@code id} is the id of the other fields; allocates nothing per call.
   *
   * <p>The NIP-01 serialisation is tried first. Only when a string holds a control character
   * other than the seven escapes is the {@code JSON.stringify} spelling (&#92;u00XX, as
   * nostr-tools and rust-nostr hash it) tried too, so events those libraries signed are not
   * refused over a divergence in the ecosystem; {@link #computeId} and signing stay NIP-01.
   */
  public static boolean idMatches(String id, String pubkey, long createdAt, int kind, List<List<String>> tags, String content) {
    CanonicalBuffer buffer = CanonicalBuffer.local();
    if (Hex.equalsBytes(id, buffer.write(pubkey, createdAt, kind, tags, content).sha256())) {
      return true;
    }
    return buffer.sawOtherControl()
        && Hex.equalsBytes(id, buffer.writeJsStyle(pubkey, createdAt, kind, tags, content).sha256());
  }

  /**
   * Compact JSON of a whole signed event, keys in NIP-01 order. Strings use the seven short
   * escapes; other control characters become &#92;u00XX so the text stays valid JSON (a
   * parser reads back the same string, so the id is unchanged).
   */
  public static String writeEvent(String id, String pubkey, long createdAt, int kind, List<List<String>> tags, String content, String sig) {
    StringBuilder out = new StringBuilder(256 + content.length() + 32 * tags.size());
    out.append("{\"id\":");
    JsonText.appendQuoted(out, id);
    out.append(",\"pubkey\":");
    JsonText.appendQuoted(out, pubkey);
    out.append(",\"created_at\":").append(createdAt);
    out.append(",\"kind\":").append(kind);
    out.append(",\"tags\":[");
    for (int t = 0; t < tags.size(); t++) {
      if (t > 0) {
        out.append(',');
      }
      out.append('[');
      List<String> tag = tags.get(t);
      for (int e = 0; e < tag.size(); e++) {
        if (e > 0) {
          out.append(',');
        }
        JsonText.appendQuoted(out, tag.get(e));
      }
      out.append(']');
    }
    out.append("],\"content\":");
    JsonText.appendQuoted(out, content);
    out.append(",\"sig\":");
    JsonText.appendQuoted(out, sig);
    return out.append('}').toString();
  }
}
