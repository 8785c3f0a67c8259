package dev.graspsync.engine.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Binary key layouts. All integers are big-endian so that RocksDB's bytewise order is
 * numeric order. Timestamps are stored inverted ({@code Long.MAX_VALUE - created_at}),
 * which makes newer events sort first; for negative created_at the subtraction wraps to
 * values above every non-negative one, so they still sort oldest.
 */
public final class IndexKeys {
  public static final int ID_BYTES = 32;
  public static final int TIME_BYTES = 8;
  /** Inverted created_at followed by the id: the tail of every index key. */
  public static final int SUFFIX_BYTES = TIME_BYTES + ID_BYTES;

  private static final HexFormat HEX = HexFormat.of();
  private static final byte DELETED_ID = 'e';
  private static final byte DELETED_ADDRESS = 'a';

  private IndexKeys() {}

  public static byte[] hexToBytes(String hex) {
    return HEX.parseHex(hex);
  }

  public static String bytesToHex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  public static String bytesToHex(byte[] bytes, int offset, int length) {
    return HEX.formatHex(bytes, offset, offset + length);
  }

  /** Whether {@code s} is {@code bytes} bytes of lower-case hex. */
  public static boolean isHex(String s, int bytes) {
    if (s.length() != bytes * 2) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  public static long invert(long createdAt) {
    return Long.MAX_VALUE - createdAt;
  }

  /** created_at from the suffix that ends {@code key}. */
  public static long createdAtOf(byte[] key) {
    return invert(ByteBuffer.wrap(key, key.length - SUFFIX_BYTES, TIME_BYTES).getLong());
  }

  /** The id that ends {@code key}. */
  public static byte[] idOf(byte[] key) {
    return Arrays.copyOfRange(key, key.length - ID_BYTES, key.length);
  }

  /** {@code prefix} + inverted created_at: where a newest-first walk bounded by {@code until} starts. */
  public static byte[] seekKey(byte[] prefix, long until) {
    return ByteBuffer.allocate(prefix.length + TIME_BYTES).put(prefix).putLong(invert(until)).array();
  }

  public static byte[] indexKey(byte[] prefix, long createdAt, byte[] id) {
    return ByteBuffer.allocate(prefix.length + SUFFIX_BYTES)
        .put(prefix)
        .putLong(invert(createdAt))
        .put(id)
        .array();
  }

  public static byte[] timePrefix() {
    return new byte[0];
  }

  public static byte[] kindPrefix(int kind) {
    return ByteBuffer.allocate(4).putInt(kind).array();
  }

  public static byte[] authorPrefix(byte[] pubkey) {
    return pubkey.clone();
  }

  public static byte[] authorKindPrefix(byte[] pubkey, int kind) {
    return ByteBuffer.allocate(pubkey.length + 4).put(pubkey).putInt(kind).array();
  }

  /** Only single ASCII-letter tag names are indexed: filters can only name those. */
  public static boolean isIndexedTagName(String name) {
    return name.length() == 1 && isIndexedTagLetter(name.charAt(0));
  }

  public static boolean isIndexedTagLetter(char letter) {
    return letter > ' ' && letter < 0x7f;
  }

  /** The value's length comes first so that one value is never a prefix of another's keys. */
  public static byte[] tagPrefix(char letter, String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + 4 + utf8.length)
        .put((byte) letter)
        .putInt(utf8.length)
        .put(utf8)
        .array();
  }

  public static byte[] addressKey(int kind, byte[] pubkey, String d) {
    byte[] utf8 = d.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + pubkey.length + utf8.length)
        .putInt(kind)
        .put(pubkey)
        .put(utf8)
        .array();
  }

  /** created_at + id: the value of an address entry. */
  public static byte[] versionValue(long createdAt, byte[] id) {
    return ByteBuffer.allocate(SUFFIX_BYTES).putLong(createdAt).put(id).array();
  }

  public static long versionCreatedAt(byte[] value) {
    return ByteBuffer.wrap(value, 0, TIME_BYTES).getLong();
  }

  public static byte[] versionId(byte[] value) {
    return Arrays.copyOfRange(value, TIME_BYTES, TIME_BYTES + ID_BYTES);
  }

  /** Tombstone for "author {@code pubkey} deleted {@code id}". */
  public static byte[] deletedIdKey(byte[] id, byte[] pubkey) {
    return ByteBuffer.allocate(1 + id.length + pubkey.length)
        .put(DELETED_ID)
        .put(id)
        .put(pubkey)
        .array();
  }

  /** Tombstone for an address; its value is the created_at up to which versions are deleted. */
  public static byte[] deletedAddressKey(byte[] addressKey) {
    return ByteBuffer.allocate(1 + addressKey.length).put(DELETED_ADDRESS).put(addressKey).array();
  }

  public static byte[] longValue(long value) {
    return ByteBuffer.allocate(8).putLong(value).array();
  }

  public static long longOf(byte[] value) {
    return ByteBuffer.wrap(value, 0, 8).getLong();
  }

  public static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}
