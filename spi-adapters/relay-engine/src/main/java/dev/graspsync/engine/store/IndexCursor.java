package dev.graspsync.engine.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;

/**
 * Walks one index newest first across several prefixes at once (a k-way merge on the
 * (inverted created_at, id) tail every index key ends in), from {@code until} down to
 * {@code since}. An id found under two prefixes is returned once.
 */
final class IndexCursor implements AutoCloseable {
  private final List<PrefixIterator> iterators = new ArrayList<>();
  private final PriorityQueue<PrefixIterator> heads =
      new PriorityQueue<>((a, b) -> compareSuffix(a.key, b.key));
  private byte[] lastId = new byte[0];
  private byte[] currentId;
  private long currentCreatedAt;

  IndexCursor(
      EventDatabase database,
      ReadOptions readOptions,
      Column column,
      List<byte[]> prefixes,
      OptionalLong since,
      OptionalLong until) {
    long floor = since.orElse(Long.MIN_VALUE);
    try {
      for (byte[] prefix : prefixes) {
        RocksIterator it = database.db().newIterator(database.handle(column), readOptions);
        PrefixIterator walk = new PrefixIterator(it, prefix, floor);
        iterators.add(walk);
        it.seek(until.isPresent() ? IndexKeys.seekKey(prefix, until.getAsLong()) : prefix);
        if (walk.load()) {
          heads.add(walk);
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Moves to the next index hit; false at the end. */
  boolean advance() {
    while (!heads.isEmpty()) {
      PrefixIterator head = heads.poll();
      byte[] id = IndexKeys.idOf(head.key);
      long createdAt = IndexKeys.createdAtOf(head.key);
      head.iterator.next();
      if (head.load()) {
        heads.add(head);
      }
      if (!Arrays.equals(id, lastId)) {
        lastId = id;
        currentId = id;
        currentCreatedAt = createdAt;
        return true;
      }
    }
    return false;
  }

  byte[] id() {
    return currentId;
  }

  /** created_at of the current hit, read from the index key. */
  long createdAt() {
    return currentCreatedAt;
  }

  @Override
  public void close() {
    for (PrefixIterator walk : iterators) {
      walk.iterator.close();
    }
    iterators.clear();
    heads.clear();
  }

  private static int compareSuffix(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(
        a, a.length - IndexKeys.SUFFIX_BYTES, a.length, b, b.length - IndexKeys.SUFFIX_BYTES, b.length);
  }

  private static final class PrefixIterator {
    final RocksIterator iterator;
    final byte[] prefix;
    final long floor;
    byte[] key;

    PrefixIterator(RocksIterator iterator, byte[] prefix, long floor) {
      this.iterator = iterator;
      this.prefix = prefix;
      this.floor = floor;
    }

    /** Reads the iterator's position; false once it left the prefix or went below since. */
    boolean load() {
      if (!iterator.isValid()) {
        return false;
      }
      byte[] k = iterator.key();
      if (k.length != prefix.length + IndexKeys.SUFFIX_BYTES
          || !IndexKeys.startsWith(k, prefix)
          || IndexKeys.createdAtOf(k) < floor) {
        return false;
      }
      key = k;
      return true;
    }
  }
}
