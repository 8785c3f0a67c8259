package dev.graspsync.nostr.event;

/**
 * NIP-01 canonical serialisation {@code [0,pubkey,created_at,kind,tags,content]}: compact,
 * only the seven escapes (\n \" \\ \r \t \b \f), every other character raw UTF-8.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** UTF-8 bytes of the canonical serialisation. */
  public static byte[] serialize(String pubkey, long createdAt, int kind, java.util.List<java.util.List<String>> tags, String content) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Lower-case hex SHA-256 of the canonical serialisation. */
  public static String computeId(String pubkey, long createdAt, int kind, java.util.List<java.util.List<String>> tags, String content) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Compact JSON of a whole signed event, keys in NIP-01 order, same escaping rules. */
  public static String writeEvent(String id, String pubkey, long createdAt, int kind, java.util.List<java.util.List<String>> tags, String content, String sig) {
    throw new UnsupportedOperationException("TODO");
  }
}
