package dev.graspsync.nostr.filter;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable set of strings that iterates in insertion order (so a filter's JSON is the same
 * on every run, unlike {@code Set.copyOf}) and answers {@code contains} by hash.
 */
final class StringSet extends AbstractSet<String> {
  private final Set<String> lookup;
  private final List<String> order;

  private StringSet(Set<String> lookup, List<String> order) {
    this.lookup = lookup;
    this.order = order;
  }

  static StringSet of(Collection<String> values) {
    if (values instanceof StringSet s) {
      return s;
    }
    Set<String> lookup = new HashSet<>(Math.max(4, values.size() * 2));
    java.util.ArrayList<String> order = new java.util.ArrayList<>(values.size());
    for (String v : values) {
      if (lookup.add(Objects.requireNonNull(v, "filter value"))) {
        order.add(v);
      }
    }
    return new StringSet(lookup, Collections.unmodifiableList(order));
  }

  @Override
  public boolean contains(Object o) {
    return lookup.contains(o);
  }

  @Override
  public int size() {
    return order.size();
  }

  @Override
  public Iterator<String> iterator() {
    return order.iterator();
  }
}
