package dev.graspsync.nostr.crypto;

import fr.acinq.secp256k1.Secp256k1;
import java.security.SecureRandom;

/**
 * BIP-340 Schnorr signatures over raw bytes through libsecp256k1 (JNI). Thread-safe; each
 * signature uses fresh 32-byte auxiliary randomness, as BIP-340 recommends against
 * side-channel attacks.
 */
public final class Bip340 {
  private static final Secp256k1 SECP = Secp256k1.Companion.get();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Bip340() {}

  /** 64-byte signature of the 32-byte {@code message} with {@code keys}' secret. */
  public static byte[] sign(byte[] message, Keys keys) {
    requireLength(message, 32, "message");
    byte[] aux = new byte[32];
    RANDOM.nextBytes(aux);
    return SECP.signSchnorr(message, keys.secretBytes(), aux);
  }

  /**
   * True when {@code signature} (64 bytes) is a valid BIP-340 signature of {@code message}
   * (32 bytes) by the x-only {@code publicKey} (32 bytes). Malformed input (wrong lengths, a
   * public key that is not on the curve) is simply false.
   */
  public static boolean verify(byte[] signature, byte[] message, byte[] publicKey) {
    if (signature.length != 64 || message.length != 32 || publicKey.length != 32) {
      return false;
    }
    try {
      return SECP.verifySchnorr(signature, message, publicKey);
    } catch (RuntimeException e) {
      // libsecp256k1 reports an x coordinate that is not on the curve as an exception
      return false;
    }
  }

  /** The 32-byte x-only public key of a 32-byte secret. */
  static byte[] xOnlyPublicKey(byte[] secret) {
    byte[] uncompressed = SECP.pubkeyCreate(secret);
    byte[] x = new byte[32];
    System.arraycopy(uncompressed, 1, x, 0, 32);
    return x;
  }

  static boolean isValidSecret(byte[] secret) {
    return secret.length == 32 && SECP.secKeyVerify(secret);
  }

  static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static void requireLength(byte[] b, int n, String what) {
    if (b.length != n) {
      throw new IllegalArgumentException(what + " must be " + n + " bytes, got " + b.length);
    }
  }
}
