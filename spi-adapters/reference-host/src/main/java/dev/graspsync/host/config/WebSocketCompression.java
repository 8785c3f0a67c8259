package dev.graspsync.host.config;

/**
 * How the relay answers clients that offer permessage-deflate (RFC 7692), as browsers and the
 * {@code ws} library do. The relay compresses each message on its own (no context carried
 * from one message to the next), so one compression of an event serves every subscriber and no
 * connection keeps a compressor; see docs/configuration.md for the cost of each setting.
 *
 * @param enabled whether permessage-deflate is accepted at all
 * @param minBytes messages shorter than this are sent uncompressed
 * @param level the zlib level, 1 (fastest) to 9 (smallest)
 */
public record WebSocketCompression(boolean enabled, int minBytes, int level) {
  public static final WebSocketCompression OFF = new WebSocketCompression(false, Integer.MAX_VALUE, 1);

  /** Whether a message of this many bytes is worth compressing on a connection that negotiated it. */
  public boolean worthTrying(int messageBytes) {
    return enabled && messageBytes >= minBytes;
  }
}
