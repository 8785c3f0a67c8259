package dev.graspsync.nostr.event;

/** Lower-case hex. */
public final class Hex {
  private Hex() {}

  public static boolean isLowerHex(String s, int length) {
    throw new UnsupportedOperationException("TODO");
  }

  public static byte[] decode(String hex) {
    throw new UnsupportedOperationException("TODO");
  }

  public static String encode(byte[] bytes) {
    throw new UnsupportedOperationException("TODO");
  }
}
