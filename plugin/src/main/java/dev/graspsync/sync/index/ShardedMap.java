package dev.graspsync.sync.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An immutable map that shares structure between versions: a fixed two-level tree of 256
 * pages × 256 small hash maps (65,536 shards). A new version copies only what it changes: the
 * 256-slot top array, one page and one shard per key touched. Updating one key of a
 * 500,000-entry map copies about 520 references and 8 entries instead of 500,000 entries,
 * which keeps the index's one-event-at-a-time updates cheap while it stays a plain value.
 *
 * <p>Changes go through an {@link Editor}, which copies each page and shard at most once per
 * edit session: a bulk load is linear.
 */
final class ShardedMap<K, V> {
  private static final int BITS = 8;
  private static final int FANOUT = 1 << BITS;
  private static final Map<?, ?> EMPTY_SHARD = Map.of();
  private static final Map<?, ?>[] EMPTY_PAGE = filledPage();
  private static final ShardedMap<?, ?> EMPTY = new ShardedMap<>(emptyTop(), 0);

  private final Map<K, V>[][] pages;
  private final int size;

  private ShardedMap(Map<K, V>[][] pages, int size) {
    this.pages = pages;
    this.size = size;
  }

  @SuppressWarnings("unchecked")
  static <K, V> ShardedMap<K, V> empty() {
    return (ShardedMap<K, V>) EMPTY;
  }

  private static Map<?, ?>[] filledPage() {
    Map<?, ?>[] page = new Map<?, ?>[FANOUT];
    Arrays.fill(page, EMPTY_SHARD);
    return page;
  }

  @SuppressWarnings("unchecked")
  private static <K, V> Map<K, V>[][] emptyTop() {
    Map<K, V>[][] top = new Map[FANOUT][];
    Arrays.fill(top, EMPTY_PAGE);
    return top;
  }

  /**
   * The top bits of a multiplicative hash: the shard's own HashMap indexes buckets by the low
   * bits, and taking those for the shard too would crowd every key of a shard into a few
   * buckets.
   */
  private static int slot(Object key) {
    return (key.hashCode() * 0x9E3779B9) >>> (32 - 2 * BITS);
  }

  V get(K key) {
    int s = slot(key);
    return pages[s >>> BITS][s & (FANOUT - 1)].get(key);
  }

  boolean containsKey(K key) {
    int s = slot(key);
    return pages[s >>> BITS][s & (FANOUT - 1)].containsKey(key);
  }

  int size() {
    return size;
  }

  void forEach(BiConsumer<? super K, ? super V> action) {
    for (Map<K, V>[] page : pages) {
      if (page == EMPTY_PAGE) {
        continue;
      }
      for (Map<K, V> shard : page) {
        if (!shard.isEmpty()) {
          shard.forEach(action);
        }
      }
    }
  }

  List<K> keys() {
    List<K> out = new ArrayList<>(size);
    forEach((k, v) -> out.add(k));
    return out;
  }

  List<V> values() {
    List<V> out = new ArrayList<>(size);
    forEach((k, v) -> out.add(v));
    return out;
  }

  Editor<K, V> edit() {
    return new Editor<>(this);
  }

  /** A private, mutable draft of a map; {@link #freeze()} gives the new version. */
  static final class Editor<K, V> {
    private final Map<K, V>[][] pages;
    private final boolean[] pageOwned = new boolean[FANOUT];
    private final BitSet shardOwned = new BitSet();
    private int size;

    private Editor(ShardedMap<K, V> base) {
      this.pages = base.pages.clone();
      this.size = base.size;
    }

    V get(K key) {
      int s = slot(key);
      return pages[s >>> BITS][s & (FANOUT - 1)].get(key);
    }

    void put(K key, V value) {
      if (writable(slot(key)).put(key, value) == null) {
        size++;
      }
    }

    void remove(K key) {
      int s = slot(key);
      if (!pages[s >>> BITS][s & (FANOUT - 1)].containsKey(key)) {
        return;
      }
      writable(s).remove(key);
      size--;
    }

    private Map<K, V> writable(int s) {
      int top = s >>> BITS;
      int mid = s & (FANOUT - 1);
      if (!pageOwned[top]) {
        pages[top] = pages[top].clone();
        pageOwned[top] = true;
      }
      if (!shardOwned.get(s)) {
        pages[top][mid] = new HashMap<>(pages[top][mid]);
        shardOwned.set(s);
      }
      return pages[top][mid];
    }

    /** The new version; the editor must not be used afterwards. */
    @SuppressWarnings("unchecked")
    ShardedMap<K, V> freeze() {
      for (int s = shardOwned.nextSetBit(0); s >= 0; s = shardOwned.nextSetBit(s + 1)) {
        Map<K, V>[] page = pages[s >>> BITS];
        Map<K, V> shard = page[s & (FANOUT - 1)];
        // the immutable copy is about a third of a HashMap's size: 65,536 shards add up
        page[s & (FANOUT - 1)] = shard.isEmpty() ? (Map<K, V>) EMPTY_SHARD : Map.copyOf(shard);
      }
      return new ShardedMap<>(pages, size);
    }
  }
}
