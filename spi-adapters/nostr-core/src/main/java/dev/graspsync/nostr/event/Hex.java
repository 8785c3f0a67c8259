package dev.graspsync.nostr.event;

/** Lower-case hex, the only spelling NIP-01 allows for ids, pubkeys and signatures. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /** True when {@code s} has exactly {@code length} chars, each in {@code [0-9a-f]}. */
  public static boolean isLowerHex(String s, int length) {
    if (s == null || s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (nibble(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Decodes lower-case hex of even length.
   *
   * @throws IllegalArgumentException on odd length or a character outside {@code [0-9a-f]}
   */
  public static byte[] decode(String hex) {
    int n = hex.length();
    if ((n & 1) != 0) {
      throw new IllegalArgumentException("hex of odd length " + n);
    }
    byte[] out = new byte[n / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = nibble(hex.charAt(2 * i));
      int lo = nibble(hex.charAt(2 * i + 1));
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("not lower-case hex at position " + (hi < 0 ? 2 * i : 2 * i + 1));
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  /** Lower-case hex of {@code bytes}. */
  public static String encode(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * True when lower-case {@code hex} spells exactly {@code bytes}; compares without decoding,
   * for the id check on every event.
   */
  public static boolean equalsBytes(String hex, byte[] bytes) {
    if (hex.length() != bytes.length * 2) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if (hex.charAt(2 * i) != DIGITS[(bytes[i] >> 4) & 0xf]
          || hex.charAt(2 * i + 1) != DIGITS[bytes[i] & 0xf]) {
        return false;
      }
    }
    return true;
  }

  private static int nibble(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }
}
