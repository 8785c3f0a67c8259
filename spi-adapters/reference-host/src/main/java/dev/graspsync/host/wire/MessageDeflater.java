package dev.graspsync.host.wire;

import java.util.Arrays;
import java.util.Optional;
import java.util.zip.Deflater;

/**
 * Compresses bytes into a permessage-deflate payload (RFC 7692 section 7.2.1): raw deflate
 * ended by a sync flush whose trailing 00 00 ff ff is removed. Every call starts from a fresh
 * context, so the result can be sent to any client that negotiated the extension, whatever it
 * agreed about context takeover, and the same bytes can go to many clients. One instance per
 * event loop (a Deflater is not thread safe and holds native memory); {@link #close} frees it.
 */
public final class MessageDeflater implements AutoCloseable {
  private static final int SYNC_FLUSH_TAIL = 4;

  private final Deflater deflater;
  private byte[] buffer = new byte[8192];

  public MessageDeflater(int level) {
    this.deflater = new Deflater(level, true);
  }

  /** The compressed payload, or empty when it would not be smaller than the input. */
  public Optional<byte[]> deflate(byte[] input) {
    deflater.reset();
    deflater.setInput(input);
    int length = 0;
    while (true) {
      length += deflater.deflate(buffer, length, buffer.length - length, Deflater.SYNC_FLUSH);
      if (length < buffer.length) {
        break;
      }
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int payload = length - SYNC_FLUSH_TAIL;
    if (payload >= input.length) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOf(buffer, payload));
  }

  /**
   * {@code data} as one non-final stored (uncompressed) deflate block. Put in front of a
   * compressed payload it yields a payload that inflates to data followed by the payload's
   * text: how a per-subscriber prefix joins a compression shared by all subscribers.
   */
  public static byte[] storedBlock(byte[] data) {
    if (data.length > 0xffff) {
      throw new IllegalArgumentException("a stored block holds at most 65535 bytes, not " + data.length);
    }
    byte[] out = new byte[5 + data.length];
    int len = data.length;
    out[0] = 0; // BFINAL 0, BTYPE 00 (stored), padded to the byte boundary
    out[1] = (byte) len;
    out[2] = (byte) (len >>> 8);
    out[3] = (byte) ~len;
    out[4] = (byte) (~len >>> 8);
    System.arraycopy(data, 0, out, 5, len);
    return out;
  }

  @Override
  public void close() {
    deflater.end();
  }
}
