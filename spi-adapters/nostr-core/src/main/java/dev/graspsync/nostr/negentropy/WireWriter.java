package dev.graspsync.nostr.negentropy;

import java.util.Arrays;

/** Builds one negentropy message; bound timestamps are written as deltas from the previous one. */
final class WireWriter {
  private byte[] out;
  private int size;
  private long lastTimestamp;

  WireWriter(int initialCapacity) {
    this.out = new byte[Math.max(16, initialCapacity)];
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(out, size);
  }

  void writeByte(int b) {
    ensure(1);
    out[size++] = (byte) b;
  }

  void writeBytes(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, out, size, length);
    size += length;
  }

  /** A point to {@link #rewind} to: the size and the timestamp the next delta starts from. */
  record Mark(int size, long lastTimestamp) {}

  Mark mark() {
    return new Mark(size, lastTimestamp);
  }

  /** Drops everything written after {@code mark}, as if it had never been written. */
  void rewind(Mark mark) {
    size = mark.size();
    lastTimestamp = mark.lastTimestamp();
  }

  void writeVarint(long value) {
    int groups = 1;
    for (long rest = value >>> 7; rest != 0; rest >>>= 7) {
      groups++;
    }
    ensure(groups);
    for (int g = groups - 1; g >= 0; g--) {
      int bits = (int) (value >>> (7 * g)) & 0x7f;
      out[size++] = (byte) (g == 0 ? bits : bits | 0x80);
    }
  }

  void writeMode(Mode mode) {
    writeVarint(mode.wire());
  }

  void writeBound(Bound bound) {
    writeTimestamp(bound.timestamp());
    writeVarint(bound.idPrefix().length);
    writeBytes(bound.idPrefix(), 0, bound.idPrefix().length);
  }

  /** A bound holding a whole stored id, without copying it into a {@link Bound}. */
  void writeItemBound(long createdAt, byte[] ids, int idOffset) {
    writeTimestamp(createdAt);
    writeVarint(Negentropy.ID_SIZE);
    writeBytes(ids, idOffset, Negentropy.ID_SIZE);
  }

  private void writeTimestamp(long timestamp) {
    if (timestamp == Bound.INFINITE_TIMESTAMP) {
      lastTimestamp = Bound.INFINITE_TIMESTAMP;
      writeVarint(0);
      return;
    }
    long delta = timestamp - lastTimestamp;
    lastTimestamp = timestamp;
    writeVarint(delta + 1);
  }

  private void ensure(int more) {
    if (size + more > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
    }
  }
}
