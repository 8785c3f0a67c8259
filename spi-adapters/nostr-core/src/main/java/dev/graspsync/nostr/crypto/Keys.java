package dev.graspsync.nostr.crypto;

/**
 * A secp256k1 key pair for BIP-340 signing. {@code toString} never shows the secret.
 */
public final class Keys {
  /** 32-byte secret, 64-char x-only public key hex. TODO(core helper). */
  public static Keys generate() {
    throw new UnsupportedOperationException("TODO");
  }

  public static Keys fromSecretHex(String secretHex) {
    throw new UnsupportedOperationException("TODO");
  }

  public String publicKeyHex() {
    throw new UnsupportedOperationException("TODO");
  }
}
