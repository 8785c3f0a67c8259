package dev.graspsync.nostr.filter;

import dev.graspsync.nostr.hash.ProbeTable;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Objects;

/**
 * An immutable set of strings that iterates in insertion order (so a filter's JSON is the same
 * on every run, unlike {@code Set.copyOf}) and answers {@code contains} by hash. The values are
 * held twice by reference only: in order, and in an open-addressing table at most half full,
 * about 12 bytes a value. A sync host keeps hundreds of thousands of ids in its live filters;
 * a {@code HashSet} beside a list cost about 46 bytes a value.
 */
final class StringSet extends AbstractSet<String> {
  private static final StringSet EMPTY = new StringSet(new String[0], new String[1]);

  private final String[] order;
  private final String[] table;

  private StringSet(String[] order, String[] table) {
    this.order = order;
    this.table = table;
  }

  static StringSet of(Collection<String> values) {
    if (values instanceof StringSet s) {
      return s;
    }
    if (values.isEmpty()) {
      return EMPTY;
    }
    String[] table = new String[Integer.highestOneBit(Math.max(1, values.size()) * 2 - 1) << 1];
    String[] order = new String[values.size()];
    int n = 0;
    for (String v : values) {
      Objects.requireNonNull(v, "filter value");
      int slot = slot(table, v);
      if (table[slot] == null) {
        table[slot] = v;
        order[n++] = v;
      }
    }
    return new StringSet(n == order.length ? order : Arrays.copyOf(order, n), table);
  }

  /** The slot holding {@code v}, or the empty one where it would go (the table is never full). */
  private static int slot(String[] table, String v) {
    return ProbeTable.slotOf(table, v);
  }

  /** The farthest any value sits from its home slot (for tests: probe runs stay short). */
  int longestProbe() {
    return ProbeTable.longestProbe(table);
  }

  @Override
  public boolean contains(Object o) {
    return o instanceof String s && table[slot(table, s)] != null;
  }

  @Override
  public int size() {
    return order.length;
  }

  @Override
  public Iterator<String> iterator() {
    return Collections.unmodifiableList(Arrays.asList(order)).iterator();
  }
}
