package dev.graspsync.nostr.negentropy;

import java.util.Arrays;

/**
 * Reads one negentropy message: bytes, varints and bounds whose timestamps are deltas from the
 * previous bound of the same message. Every shortfall is a {@link NegentropyException}.
 */
final class WireReader {
  private final byte[] in;
  private int position;
  private long lastTimestamp;

  WireReader(byte[] message) {
    this.in = message;
  }

  boolean hasMore() {
    return position < in.length;
  }

  int readByte() {
    if (position >= in.length) {
      throw NegentropyException.malformed("message ends prematurely");
    }
    return in[position++] & 0xff;
  }

  /** Reads {@code n} bytes, returning the offset in the message where they start. */
  int skipBytes(long n) {
    if (n < 0 || n > in.length - position) {
      throw NegentropyException.malformed("message ends prematurely");
    }
    int start = position;
    position += (int) n;
    return start;
  }

  byte[] message() {
    return in;
  }

  byte[] readBytes(int n) {
    int start = skipBytes(n);
    return Arrays.copyOfRange(in, start, start + n);
  }

  /** Base-128, most significant group first; the high bit marks "more follows". */
  long readVarint() {
    long value = 0;
    for (int groups = 0; ; groups++) {
      if (groups == 10) {
        throw NegentropyException.malformed("varint longer than 64 bits");
      }
      int b = readByte();
      value = (value << 7) | (b & 0x7f);
      if ((b & 0x80) == 0) {
        return value;
      }
    }
  }

  /** A count or length that must fit an array index. */
  int readLength() {
    long value = readVarint();
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw NegentropyException.malformed("length " + Long.toUnsignedString(value) + " out of range");
    }
    return (int) value;
  }

  Bound readBound() {
    long timestamp = readTimestamp();
    int length = readLength();
    if (length > Negentropy.ID_SIZE) {
      throw NegentropyException.malformed("bound id prefix of " + length + " bytes");
    }
    return new Bound(timestamp, readBytes(length));
  }

  /** 0 is infinity; otherwise delta + 1 from the previous timestamp, saturating at infinity. */
  private long readTimestamp() {
    long encoded = readVarint();
    long delta = encoded == 0 ? Bound.INFINITE_TIMESTAMP : encoded - 1;
    long timestamp = delta + lastTimestamp;
    if (Long.compareUnsigned(timestamp, lastTimestamp) < 0) {
      timestamp = Bound.INFINITE_TIMESTAMP;
    }
    lastTimestamp = timestamp;
    return timestamp;
  }
}
