package dev.graspsync.nostr.filter;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * An immutable set of kinds kept as a sorted {@code int[]}, so matching an event's kind neither
 * boxes nor hashes. Equal to any {@link java.util.Set} with the same elements.
 */
final class KindSet extends AbstractSet<Integer> {
  private final int[] kinds;

  private KindSet(int[] kinds) {
    this.kinds = kinds;
  }

  static KindSet of(Collection<Integer> values) {
    if (values instanceof KindSet k) {
      return k;
    }
    int[] a = new int[values.size()];
    int n = 0;
    for (Integer v : values) {
      a[n++] = Objects.requireNonNull(v, "kind");
    }
    return new KindSet(Arrays.stream(a, 0, n).sorted().distinct().toArray());
  }

  boolean containsInt(int kind) {
    int[] a = kinds;
    if (a.length <= 8) {
      for (int k : a) {
        if (k == kind) {
          return true;
        }
      }
      return false;
    }
    return Arrays.binarySearch(a, kind) >= 0;
  }

  @Override
  public boolean contains(Object o) {
    return o instanceof Integer i && containsInt(i);
  }

  @Override
  public int size() {
    return kinds.length;
  }

  @Override
  public Iterator<Integer> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < kinds.length;
      }

      @Override
      public Integer next() {
        if (next >= kinds.length) {
          throw new NoSuchElementException();
        }
        return kinds[next++];
      }
    };
  }
}
