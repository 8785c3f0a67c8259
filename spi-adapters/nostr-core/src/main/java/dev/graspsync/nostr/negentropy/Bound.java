package dev.graspsync.nostr.negentropy;

import java.util.Arrays;

/**
 * The exclusive upper end of a range: a timestamp and an id prefix (missing bytes read as
 * zero). {@link #INFINITY} ({@code timestamp = 2^64 - 1}) closes the last range.
 *
 * <p>Timestamps are unsigned 64-bit on the wire; {@code -1L} is infinity.
 */
public record Bound(long timestamp, byte[] idPrefix) {
  public static final long INFINITE_TIMESTAMP = -1L;
  public static final Bound INFINITY = new Bound(INFINITE_TIMESTAMP, new byte[0]);

  public Bound {
    if (idPrefix.length > Negentropy.ID_SIZE) {
      throw NegentropyException.malformed("bound id prefix of " + idPrefix.length + " bytes");
    }
  }

  public static Bound ofTimestamp(long timestamp) {
    return new Bound(timestamp, new byte[0]);
  }

  /**
   * Compares an item to this bound: negative when the item sorts before it (so it belongs to
   * the range this bound closes).
   */
  public int compareItem(long createdAt, byte[] ids, int idOffset) {
    int byTime = Long.compareUnsigned(createdAt, timestamp);
    if (byTime != 0) {
      return byTime;
    }
    for (int i = 0; i < Negentropy.ID_SIZE; i++) {
      int theirs = i < idPrefix.length ? idPrefix[i] & 0xff : 0;
      int ours = ids[idOffset + i] & 0xff;
      if (ours != theirs) {
        return ours - theirs;
      }
    }
    return 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bound b && b.timestamp == timestamp && Arrays.equals(b.idPrefix, idPrefix);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(timestamp) * 31 + Arrays.hashCode(idPrefix);
  }

  @Override
  public String toString() {
    return "Bound[" + Long.toUnsignedString(timestamp) + ", " + idPrefix.length + " bytes]";
  }
}
