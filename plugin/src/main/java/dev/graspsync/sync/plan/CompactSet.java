package dev.graspsync.sync.plan;

import dev.graspsync.nostr.hash.ProbeTable;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A growing and shrinking set of references in one array (open addressing, linear probing),
 * for the large working sets a relay keeps: its confirmed and pending items. The elements are
 * the ids and repository references the index already holds, so an entry costs one array slot,
 * 4 to 11 bytes at the load kept here, against about 40 for a {@link java.util.HashSet} node
 * and its table. Removal shifts the run back instead of leaving tombstones, and the array halves
 * when it is mostly empty, so a set that drains (pending items, once confirmed) gives the memory
 * back. No nulls; not thread-safe; its iterator is read-only.
 */
public final class CompactSet<E> extends AbstractSet<E> {
  private static final int MIN_CAPACITY = 8;

  private Object[] table = new Object[MIN_CAPACITY];
  private int size;

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean contains(Object o) {
    return o != null && table[slotOf(o)] != null;
  }

  @Override
  public boolean add(E e) {
    Objects.requireNonNull(e);
    int slot = slotOf(e);
    if (table[slot] != null) {
      return false;
    }
    table[slot] = e;
    size++;
    // at most three quarters full keeps probe runs short
    if (size * 4 > table.length * 3) {
      resize(table.length * 2);
    }
    return true;
  }

  @Override
  public boolean remove(Object o) {
    if (o == null) {
      return false;
    }
    int slot = slotOf(o);
    if (table[slot] == null) {
      return false;
    }
    deleteAt(slot);
    size--;
    if (table.length > MIN_CAPACITY && size * 8 < table.length) {
      resize(table.length / 2);
    }
    return true;
  }

  @Override
  public void clear() {
    table = new Object[MIN_CAPACITY];
    size = 0;
  }

  @Override
  public Iterator<E> iterator() {
    return new Iterator<>() {
      private final Object[] over = table;
      private int next = advance(0);

      private int advance(int from) {
        int i = from;
        while (i < over.length && over[i] == null) {
          i++;
        }
        return i;
      }

      @Override
      public boolean hasNext() {
        return next < over.length;
      }

      @Override
      @SuppressWarnings("unchecked")
      public E next() {
        if (next >= over.length) {
          throw new NoSuchElementException();
        }
        E e = (E) over[next];
        next = advance(next + 1);
        return e;
      }
    };
  }

  private int slotOf(Object o) {
    return ProbeTable.slotOf(table, o);
  }

  /** The farthest any member sits from its home slot (for tests: probe runs stay short). */
  int longestProbe() {
    return ProbeTable.longestProbe(table);
  }

  /** Empties {@code slot} and moves later members of its run back, so lookups never stop short. */
  private void deleteAt(int slot) {
    int mask = table.length - 1;
    int gap = slot;
    int i = (slot + 1) & mask;
    while (table[i] != null) {
      int home = ProbeTable.home(table[i], mask);
      // the member at i may fill the gap when its home is not cyclically within (gap, i]
      if (((i - home) & mask) >= ((i - gap) & mask)) {
        table[gap] = table[i];
        gap = i;
      }
      i = (i + 1) & mask;
    }
    table[gap] = null;
  }

  private void resize(int capacity) {
    Object[] old = table;
    table = new Object[Math.max(MIN_CAPACITY, capacity)];
    for (Object o : old) {
      if (o != null) {
        // members are distinct, so the slot found is the first empty one of the run
        table[ProbeTable.slotOf(table, o)] = o;
      }
    }
  }
}
