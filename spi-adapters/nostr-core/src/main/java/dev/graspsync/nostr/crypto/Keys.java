package dev.graspsync.nostr.crypto;

import dev.graspsync.nostr.event.Hex;
import java.util.Locale;

/**
 * A secp256k1 key pair for BIP-340 signing. {@code toString} never shows the secret. Immutable
 * and thread-safe; two {@code Keys} are equal when their public keys are.
 */
public final class Keys {
  private final byte[] secret;
  private final String publicKeyHex;

  private Keys(byte[] secret) {
    this.secret = secret;
    this.publicKeyHex = Hex.encode(Bip340.xOnlyPublicKey(secret));
  }

  /** A fresh key pair from {@link java.security.SecureRandom}. */
  public static Keys generate() {
    while (true) {
      byte[] candidate = Bip340.randomBytes(32);
      if (Bip340.isValidSecret(candidate)) {
        return new Keys(candidate);
      }
    }
  }

  /**
   * Keys from a 64-character hex secret (either case).
   *
   * @throws IllegalArgumentException when the text is not 64 hex characters or not a valid
   *     secp256k1 secret; the message never contains the secret
   */
  public static Keys fromSecretHex(String secretHex) {
    if (secretHex == null) {
      throw new IllegalArgumentException("secret key: missing");
    }
    String lower = secretHex.trim().toLowerCase(Locale.ROOT);
    if (!Hex.isLowerHex(lower, 64)) {
      throw new IllegalArgumentException("secret key: must be 64 hex characters, got " + lower.length() + " characters");
    }
    byte[] secret = Hex.decode(lower);
    if (!Bip340.isValidSecret(secret)) {
      throw new IllegalArgumentException("secret key: not a valid secp256k1 secret (zero or not below the curve order)");
    }
    return new Keys(secret);
  }

  /** The 64-char lower-case hex x-only public key (the Nostr pubkey). */
  public String publicKeyHex() {
    return publicKeyHex;
  }

  /** The 64-char lower-case hex secret, for saving keys the host generated. Handle with care. */
  public String secretHex() {
    return Hex.encode(secret);
  }

  /** Owned by this package so the secret never leaves it as a shared array. */
  byte[] secretBytes() {
    return secret;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Keys k && k.publicKeyHex.equals(publicKeyHex);
  }

  @Override
  public int hashCode() {
    return publicKeyHex.hashCode();
  }

  @Override
  public String toString() {
    return "Keys[pubkey=" + publicKeyHex + "]";
  }
}
