package dev.graspsync.nostr.negentropy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Sums of ids read as 256-bit little-endian integers, modulo 2^256, kept as four 64-bit limbs
 * (least significant first) in a caller's {@code long[]}: the accumulator behind a fingerprint.
 * Static helpers over arrays so that block sums of a million items stay one flat array.
 */
final class Sum256 {
  static final int LIMBS = 4;
  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Sum256() {}

  /** acc[at..at+4) += the id at ids[offset..offset+32). */
  static void addId(long[] acc, int at, byte[] ids, int offset) {
    long carry = 0;
    for (int limb = 0; limb < LIMBS; limb++) {
      carry = addLimb(acc, at + limb, (long) LE_LONG.get(ids, offset + 8 * limb), carry);
    }
  }

  /** acc[i] += b + carry (carry 0 or 1); returns the carry out. */
  private static long addLimb(long[] acc, int i, long b, long carry) {
    long a = acc[i];
    long s = a + b;
    long c1 = Long.compareUnsigned(s, a) < 0 ? 1 : 0;
    long t = s + carry;
    long c2 = Long.compareUnsigned(t, s) < 0 ? 1 : 0;
    acc[i] = t;
    return c1 | c2;
  }

  /** acc[at..) -= other[from..). */
  static void subtract(long[] acc, int at, long[] other, int from) {
    long borrow = 0;
    for (int limb = 0; limb < LIMBS; limb++) {
      long a = acc[at + limb];
      long b = other[from + limb];
      long d = a - b;
      long b1 = Long.compareUnsigned(a, b) < 0 ? 1 : 0;
      long e = d - borrow;
      long b2 = Long.compareUnsigned(d, borrow) < 0 ? 1 : 0;
      acc[at + limb] = e;
      borrow = b1 | b2;
    }
  }

  /**
   * The protocol's fingerprint: SHA-256 over the 32-byte little-endian sum followed by the
   * varint item count, truncated to its first 16 bytes.
   */
  static byte[] fingerprint(long[] acc, int at, long count) {
    WireWriter input = new WireWriter(48);
    byte[] sum = new byte[32];
    for (int limb = 0; limb < LIMBS; limb++) {
      LE_LONG.set(sum, 8 * limb, acc[at + limb]);
    }
    input.writeBytes(sum, 0, sum.length);
    input.writeVarint(count);
    byte[] digest = sha256().digest(input.toByteArray());
    byte[] fingerprint = new byte[Negentropy.FINGERPRINT_SIZE];
    System.arraycopy(digest, 0, fingerprint, 0, fingerprint.length);
    return fingerprint;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
