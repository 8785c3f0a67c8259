package dev.graspsync.host.config;

/**
 * How the relay answers clients that offer permessage-deflate (RFC 7692), as browsers and the
 * {@code ws} library do. The relay compresses each message on its own (no context carried
 * from one message to the next), so one compression of an event serves every subscriber and no
 * connection keeps a compressor; see docs/configuration.md for the cost of each setting.
 *
 * @param readers which clients that negotiated the extension get compressed messages
 * @param minBytes messages shorter than this are sent uncompressed
 * @param level the zlib level, 1 (fastest) to 9 (smallest)
 */
public record WebSocketCompression(Readers readers, int minBytes, int level) {
  public static final WebSocketCompression OFF = new WebSocketCompression(Readers.NONE, Integer.MAX_VALUE, 1);

  /**
   * Who is sent compressed messages. Browsers inflate as they read, in native code, and read a
   * compressed stream as fast as a plain one; a client library may pay a fixed cost per
   * compressed message (Node's {@code ws} about 110 microseconds, one zlib job on its thread
   * pool each), which makes it read several times slower than plain on a fast link.
   */
  public enum Readers {
    /** The extension is declined: every message goes out plain. */
    NONE,
    /**
     * Clients whose handshake carries an {@code Origin} header, which RFC 6455 requires of
     * browsers and which libraries send only when told to. Others negotiate the extension
     * (their own compressed messages are accepted) but are sent plain messages.
     */
    BROWSERS,
    /** Every client that negotiated the extension. */
    EVERY_CLIENT
  }

  /** Whether the relay accepts permessage-deflate at the handshake at all. */
  public boolean enabled() {
    return readers != Readers.NONE;
  }

  /** Whether a client that negotiated the extension is sent compressed messages. */
  public boolean compressesFor(boolean sentOrigin) {
    return switch (readers) {
      case NONE -> false;
      case BROWSERS -> sentOrigin;
      case EVERY_CLIENT -> true;
    };
  }

  /** Whether a message of this many bytes is worth compressing for a client it compresses for. */
  public boolean worthTrying(int messageBytes) {
    return enabled() && messageBytes >= minBytes;
  }
}
