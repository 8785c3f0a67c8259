package dev.graspsync.nostr.negentropy;

/**
 * The items one side reconciles: (created_at, 32-byte id) pairs sorted ascending by
 * created_at (unsigned) then id (bytewise), without duplicates. Indexes run from 0 to
 * {@link #size()} - 1; ranges are half-open {@code [begin, end)}.
 */
public interface NegentropyStorage {

  int size();

  long createdAt(int index);

  /** Copies the 32-byte id of item {@code index} to {@code dest[offset..offset+32)}. */
  void copyId(int index, byte[] dest, int offset);

  /** The id of item {@code index}, a fresh 32-byte array. */
  default byte[] id(int index) {
    byte[] id = new byte[Negentropy.ID_SIZE];
    copyId(index, id, 0);
    return id;
  }

  /** The 16-byte fingerprint of the items in {@code [begin, end)}. */
  byte[] fingerprint(int begin, int end);

  /** The first index in {@code [begin, end)} whose item is not below {@code bound}, else {@code end}. */
  int lowerBound(int begin, int end, Bound bound);
}
