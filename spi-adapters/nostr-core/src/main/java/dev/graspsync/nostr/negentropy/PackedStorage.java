package dev.graspsync.nostr.negentropy;

import java.util.Arrays;

/**
 * Sorted items in two primitive arrays (created_at; ids back to back) plus a running 256-bit
 * sum every {@value #BLOCK} items, about 41 bytes per item and no object per item. A range
 * fingerprint is the difference of two prefix sums, each a block sum plus at most
 * {@value #BLOCK} - 1 ids: it never rescans the set. Immutable once built; safe to share.
 */
public final class PackedStorage implements NegentropyStorage {
  static final int BLOCK = 32;
  private static final int ID = Negentropy.ID_SIZE;

  private final int size;
  private final long[] createdAt;
  private final byte[] ids;
  /** blockSums[4b..4b+4) = sum of the ids of items [0, b * BLOCK). */
  private final long[] blockSums;

  private PackedStorage(int size, long[] createdAt, byte[] ids) {
    this.size = size;
    this.createdAt = createdAt;
    this.ids = ids;
    this.blockSums = blockSums(size, ids);
  }

  public static PackedStorageBuilder builder() {
    return new PackedStorageBuilder(1024);
  }

  public static PackedStorageBuilder builder(int expectedItems) {
    return new PackedStorageBuilder(expectedItems);
  }

  public static PackedStorage empty() {
    return new PackedStorage(0, new long[0], new byte[0]);
  }

  /**
   * Wraps arrays that are already strictly ascending (as an index scan yields them), without
   * copying: the caller hands them over. {@code ids} holds {@code size} ids back to back.
   *
   * @throws IllegalArgumentException if the arrays are short or out of order
   */
  public static PackedStorage fromSorted(int size, long[] createdAt, byte[] ids) {
    if (size < 0 || createdAt.length < size || ids.length < (long) size * ID) {
      throw new IllegalArgumentException("arrays hold fewer than " + size + " items");
    }
    for (int i = 1; i < size; i++) {
      if (compare(createdAt, ids, i - 1, i) >= 0) {
        throw new IllegalArgumentException("items " + (i - 1) + " and " + i + " are not strictly ascending");
      }
    }
    return new PackedStorage(size, createdAt, ids);
  }

  static PackedStorage adopt(int size, long[] createdAt, byte[] ids) {
    return new PackedStorage(size, createdAt, ids);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public long createdAt(int index) {
    return createdAt[checked(index)];
  }

  @Override
  public void copyId(int index, byte[] dest, int offset) {
    System.arraycopy(ids, checked(index) * ID, dest, offset, ID);
  }

  /** Bytes held: the arrays, for sizing limits and benchmarks. */
  public long footprintBytes() {
    return 8L * createdAt.length + ids.length + 8L * blockSums.length;
  }

  @Override
  public byte[] fingerprint(int begin, int end) {
    if (begin < 0 || end > size || begin > end) {
      throw new IndexOutOfBoundsException("range [" + begin + ", " + end + ") of " + size);
    }
    long[] acc = new long[2 * Sum256.LIMBS];
    if (end - begin <= BLOCK) {
      for (int i = begin; i < end; i++) {
        Sum256.addId(acc, 0, ids, i * ID);
      }
    } else {
      prefixSum(end, acc, 0);
      prefixSum(begin, acc, Sum256.LIMBS);
      Sum256.subtract(acc, 0, acc, Sum256.LIMBS);
    }
    return Sum256.fingerprint(acc, 0, end - begin);
  }

  @Override
  public int lowerBound(int begin, int end, Bound bound) {
    int low = begin;
    int high = end;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (bound.compareItem(createdAt[mid], ids, mid * ID) < 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** acc[at..) = sum of the ids of items [0, index). */
  private void prefixSum(int index, long[] acc, int at) {
    int block = index / BLOCK;
    System.arraycopy(blockSums, block * Sum256.LIMBS, acc, at, Sum256.LIMBS);
    for (int i = block * BLOCK; i < index; i++) {
      Sum256.addId(acc, at, ids, i * ID);
    }
  }

  private int checked(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("item " + index + " of " + size);
    }
    return index;
  }

  private static long[] blockSums(int size, byte[] ids) {
    long[] sums = new long[(size / BLOCK + 1) * Sum256.LIMBS];
    for (int b = 1; b <= size / BLOCK; b++) {
      int at = b * Sum256.LIMBS;
      System.arraycopy(sums, at - Sum256.LIMBS, sums, at, Sum256.LIMBS);
      for (int i = (b - 1) * BLOCK; i < b * BLOCK; i++) {
        Sum256.addId(sums, at, ids, i * ID);
      }
    }
    return sums;
  }

  /** Orders items i and j of the arrays: created_at unsigned, then id bytewise. */
  static int compare(long[] createdAt, byte[] ids, int i, int j) {
    int byTime = Long.compareUnsigned(createdAt[i], createdAt[j]);
    if (byTime != 0) {
      return byTime;
    }
    return Arrays.compareUnsigned(ids, i * ID, i * ID + ID, ids, j * ID, j * ID + ID);
  }
}
