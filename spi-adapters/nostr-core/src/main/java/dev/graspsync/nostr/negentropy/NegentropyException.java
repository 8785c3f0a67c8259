package dev.graspsync.nostr.negentropy;

/** A negentropy message this side cannot use: malformed, or in a protocol version it does not speak. */
public final class NegentropyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a message was refused. */
  public enum Kind {
    /** Truncated, an unknown mode, a bound out of order, or not a negentropy message at all. */
    MALFORMED,
    /** The peer speaks a protocol version other than ours; {@link #peerVersion()} names it. */
    UNSUPPORTED_VERSION
  }

  private final Kind kind;
  private final int peerVersion;

  private NegentropyException(Kind kind, int peerVersion, String message) {
    super(message);
    this.kind = kind;
    this.peerVersion = peerVersion;
  }

  static NegentropyException malformed(String message) {
    return new NegentropyException(Kind.MALFORMED, -1, message);
  }

  static NegentropyException unsupportedVersion(int peerVersion) {
    return new NegentropyException(
        Kind.UNSUPPORTED_VERSION,
        peerVersion,
        String.format(
            "peer speaks negentropy protocol 0x%02x, this side only 0x%02x",
            peerVersion, Negentropy.PROTOCOL_VERSION));
  }

  public Kind kind() {
    return kind;
  }

  /** The version byte the peer sent ({@code 0x60..0x6f}), or -1 when the kind is not a version mismatch. */
  public int peerVersion() {
    return peerVersion;
  }
}
