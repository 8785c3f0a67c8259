package dev.graspsync.sync.index;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable set that shares structure between versions: its elements are split by hash
 * into small immutable chunks, about 8 elements each and at most 256, only the non-empty ones
 * stored (a bit map says which). A new version copies only the chunks it changes plus the
 * short array of chunks, so adding one repository to a relay that 2,700 repositories list
 * copies a few hundred references, not 2,700 twice. The chunk count follows the size (a
 * version re-chunks when the average leaves 2 to 16, so re-chunking is amortised like a hash
 * table's resize).
 *
 * <p>Read-only as a {@link Set}; changes go through an {@link Editor}, which copies each chunk
 * at most once per edit session.
 */
final class ChunkedSet<E> extends AbstractSet<E> {
  private static final int BITS = 8;
  private static final int CHUNKS = 1 << BITS;
  @SuppressWarnings("unchecked")
  private static final ChunkedSet<?> EMPTY = new ChunkedSet<Object>(0, new long[CHUNKS / 64], new Set[0], 0);

  /** How many hash bits pick the chunk: 2^bits chunks. */
  private final int bits;
  /** Bit i set: chunk i is non-empty and stored in {@link #chunks} at its rank. */
  private final long[] present;
  private final Set<E>[] chunks;
  private final int size;

  private ChunkedSet(int bits, long[] present, Set<E>[] chunks, int size) {
    this.bits = bits;
    this.present = present;
    this.chunks = chunks;
    this.size = size;
  }

  @SuppressWarnings("unchecked")
  static <E> ChunkedSet<E> empty() {
    return (ChunkedSet<E>) EMPTY;
  }

  /**
   * The top bits of a multiplicative hash, as in {@link ShardedMap}: a chunk's own hashing
   * uses the low bits, which would otherwise be alike for every element of a chunk.
   */
  private static int chunkOf(Object element, int bits) {
    return bits == 0 ? 0 : (element.hashCode() * 0x9E3779B9) >>> (32 - bits);
  }

  /** About 8 elements a chunk. */
  private static int idealBits(int size) {
    return size < 16 ? 0 : Math.min(BITS, 31 - Integer.numberOfLeadingZeros(size >>> 3));
  }

  /** Whether a version of {@code size} elements in 2^bits chunks should re-chunk: 2 to 16 a chunk is fine. */
  private static boolean outOfBand(int size, int bits) {
    return (bits < BITS && size > 16 << bits) || (bits > 0 && size < 2 << bits);
  }

  private boolean has(int chunk) {
    return (present[chunk >>> 6] & (1L << chunk)) != 0;
  }

  /** Where chunk {@code chunk} is stored: how many present chunks precede it. */
  private int rank(int chunk) {
    int word = chunk >>> 6;
    int r = Long.bitCount(present[word] & ((1L << chunk) - 1));
    for (int w = 0; w < word; w++) {
      r += Long.bitCount(present[w]);
    }
    return r;
  }

  @SuppressWarnings("unchecked")
  private Set<E> chunk(int chunk) {
    return has(chunk) ? chunks[rank(chunk)] : (Set<E>) Set.of();
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean contains(Object o) {
    return o != null && chunk(chunkOf(o, bits)).contains(o);
  }

  @Override
  public Iterator<E> iterator() {
    return new Iterator<>() {
      private int next;
      private Iterator<E> current = Set.<E>of().iterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && next < chunks.length) {
          current = chunks[next++].iterator();
        }
        return current.hasNext();
      }

      @Override
      public E next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  Editor<E> edit() {
    return new Editor<>(this);
  }

  /**
   * A private, mutable draft of a set; {@link #freeze()} gives the new version. It reads
   * untouched chunks from its base and holds only the ones it changed: a session touching a
   * few chunks costs a few chunks, however many the set has.
   */
  static final class Editor<E> {
    private final ChunkedSet<E> base;
    /** By chunk number, the chunks this session copied; null until the first change. */
    private Set<E>[] owned;
    private final long[] ownedBits = new long[CHUNKS / 64];
    private int size;

    private Editor(ChunkedSet<E> base) {
      this.base = base;
      this.size = base.size;
    }

    private Set<E> read(int c) {
      return owned != null && owned[c] != null ? owned[c] : base.chunk(c);
    }

    boolean add(E element) {
      int c = chunkOf(element, base.bits);
      if (read(c).contains(element)) {
        return false;
      }
      writable(c).add(element);
      size++;
      return true;
    }

    boolean remove(E element) {
      int c = chunkOf(element, base.bits);
      if (!read(c).contains(element)) {
        return false;
      }
      writable(c).remove(element);
      size--;
      return true;
    }

    int size() {
      return size;
    }

    @SuppressWarnings("unchecked")
    private Set<E> writable(int c) {
      if (owned == null) {
        owned = new Set[1 << base.bits];
      }
      if (owned[c] == null) {
        owned[c] = new HashSet<>(base.chunk(c));
        ownedBits[c >>> 6] |= 1L << c;
      }
      return owned[c];
    }

    /** The new version (the base itself when nothing changed); the editor must not be used afterwards. */
    @SuppressWarnings("unchecked")
    ChunkedSet<E> freeze() {
      if (owned == null) {
        return base;
      }
      if (size == 0) {
        return empty();
      }
      long[] present = new long[CHUNKS / 64];
      int candidates = 0;
      for (int w = 0; w < present.length; w++) {
        candidates += Long.bitCount(base.present[w] | ownedBits[w]);
      }
      Set<E>[] kept = new Set[candidates];
      int n = 0;
      int baseRank = 0;
      for (int w = 0; w < present.length; w++) {
        for (long bits = base.present[w] | ownedBits[w]; bits != 0; bits &= bits - 1) {
          long bit = Long.lowestOneBit(bits);
          Set<E> chunk = (base.present[w] & bit) != 0 ? base.chunks[baseRank++] : Set.of();
          if ((ownedBits[w] & bit) != 0) {
            chunk = Set.copyOf(owned[w * 64 + Long.numberOfTrailingZeros(bit)]);
          }
          if (!chunk.isEmpty()) {
            present[w] |= bit;
            kept[n++] = chunk;
          }
        }
      }
      ChunkedSet<E> out = new ChunkedSet<>(base.bits, present, n == candidates ? kept : Arrays.copyOf(kept, n), size);
      return outOfBand(size, base.bits) ? rechunk(out, idealBits(size)) : out;
    }

    @SuppressWarnings("unchecked")
    private static <E> ChunkedSet<E> rechunk(ChunkedSet<E> set, int bits) {
      Set<E>[] split = new Set[1 << bits];
      for (E e : set) {
        int c = chunkOf(e, bits);
        if (split[c] == null) {
          split[c] = new HashSet<>();
        }
        split[c].add(e);
      }
      long[] present = new long[CHUNKS / 64];
      List<Set<E>> kept = new ArrayList<>();
      for (int c = 0; c < split.length; c++) {
        if (split[c] != null) {
          present[c >>> 6] |= 1L << c;
          kept.add(Set.copyOf(split[c]));
        }
      }
      return new ChunkedSet<>(bits, present, kept.toArray(new Set[0]), set.size());
    }
  }
}
