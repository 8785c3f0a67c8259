package dev.graspsync.nostr.negentropy;

import dev.graspsync.nostr.event.Hex;
import java.util.Arrays;

/**
 * Collects items in any order into growing primitive arrays; {@link #seal()} sorts them by
 * (created_at, id), drops exact duplicates and builds the {@link PackedStorage}. One use.
 */
public final class PackedStorageBuilder {
  private static final int ID = Negentropy.ID_SIZE;

  private long[] createdAt;
  private byte[] ids;
  private int size;
  private boolean sorted = true;
  private boolean sealed;

  PackedStorageBuilder(int expectedItems) {
    int capacity = Math.max(16, expectedItems);
    this.createdAt = new long[capacity];
    this.ids = new byte[capacity * ID];
  }

  public int size() {
    return size;
  }

  /**
   * Adds one item.
   *
   * @throws IllegalArgumentException for a negative created_at or an id that is not 32 bytes
   */
  public PackedStorageBuilder add(long itemCreatedAt, byte[] id32) {
    if (id32.length != ID) {
      throw new IllegalArgumentException("an id has 32 bytes, not " + id32.length);
    }
    return add(itemCreatedAt, id32, 0);
  }

  /** Adds one item whose 32-byte id starts at {@code offset} of {@code source}. */
  public PackedStorageBuilder add(long itemCreatedAt, byte[] source, int offset) {
    if (sealed) {
      throw new IllegalStateException("builder already sealed");
    }
    if (itemCreatedAt < 0) {
      throw new IllegalArgumentException("negative created_at " + itemCreatedAt);
    }
    if (size == createdAt.length) {
      int capacity = createdAt.length * 2;
      createdAt = Arrays.copyOf(createdAt, capacity);
      ids = Arrays.copyOf(ids, capacity * ID);
    }
    createdAt[size] = itemCreatedAt;
    System.arraycopy(source, offset, ids, size * ID, ID);
    if (sorted && size > 0 && PackedStorage.compare(createdAt, ids, size - 1, size) > 0) {
      sorted = false;
    }
    size++;
    return this;
  }

  /** Adds one item by its 64-character hex id. */
  public PackedStorageBuilder add(long itemCreatedAt, String hexId) {
    if (!Hex.isLowerHex(hexId, 2 * ID)) {
      throw new IllegalArgumentException("an id is 64 lowercase hex characters: " + hexId);
    }
    return add(itemCreatedAt, Hex.decode(hexId));
  }

  /** Sorts, drops duplicates and builds the storage. The builder cannot be used afterwards. */
  public PackedStorage seal() {
    if (sealed) {
      throw new IllegalStateException("builder already sealed");
    }
    sealed = true;
    if (!sorted) {
      sortInPlace();
    }
    int kept = dedupe();
    PackedStorage storage = PackedStorage.adopt(kept, createdAt, ids);
    createdAt = null;
    ids = null;
    return storage;
  }

  private int dedupe() {
    if (size == 0) {
      return 0;
    }
    int kept = 1;
    for (int i = 1; i < size; i++) {
      if (PackedStorage.compare(createdAt, ids, kept - 1, i) != 0) {
        if (kept != i) {
          createdAt[kept] = createdAt[i];
          System.arraycopy(ids, i * ID, ids, kept * ID, ID);
        }
        kept++;
      }
    }
    return kept;
  }

  /** Sorts an index permutation (merge sort over ints), then applies it to both arrays. */
  private void sortInPlace() {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    mergeSort(order, new int[size], 0, size);
    long[] times = new long[createdAt.length];
    byte[] sortedIds = new byte[ids.length];
    for (int i = 0; i < size; i++) {
      times[i] = createdAt[order[i]];
      System.arraycopy(ids, order[i] * ID, sortedIds, i * ID, ID);
    }
    createdAt = times;
    ids = sortedIds;
  }

  private void mergeSort(int[] a, int[] scratch, int from, int to) {
    if (to - from < 24) {
      for (int i = from + 1; i < to; i++) {
        int item = a[i];
        int j = i - 1;
        while (j >= from && PackedStorage.compare(createdAt, ids, a[j], item) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = item;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, scratch, from, mid);
    mergeSort(a, scratch, mid, to);
    if (PackedStorage.compare(createdAt, ids, a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, from, scratch, from, to - from);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && PackedStorage.compare(createdAt, ids, scratch[i], scratch[j]) <= 0)) {
        a[k] = scratch[i++];
      } else {
        a[k] = scratch[j++];
      }
    }
  }
}
