package dev.graspsync.nostr.filter;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/** Fluent construction of a {@link Filter}. */
public final class FilterBuilder {
  private Set<String> ids;
  private Set<String> authors;
  private Set<Integer> kinds;
  private final Map<Character, Set<String>> tags = new LinkedHashMap<>();
  private OptionalLong since = OptionalLong.empty();
  private OptionalLong until = OptionalLong.empty();
  private OptionalInt limit = OptionalInt.empty();

  FilterBuilder() {}

  public FilterBuilder ids(Collection<String> values) {
    ids = new LinkedHashSet<>(values);
    return this;
  }

  public FilterBuilder authors(Collection<String> values) {
    authors = new LinkedHashSet<>(values);
    return this;
  }

  public FilterBuilder kinds(Collection<Integer> values) {
    kinds = new LinkedHashSet<>(values);
    return this;
  }

  public FilterBuilder kinds(int... values) {
    kinds = new LinkedHashSet<>();
    for (int k : values) {
      kinds.add(k);
    }
    return this;
  }

  /** {@code #letter}: values matched against the second element of tags named {@code letter}. */
  public FilterBuilder tag(char letter, Collection<String> values) {
    tags.put(letter, new LinkedHashSet<>(values));
    return this;
  }

  public FilterBuilder since(long value) {
    since = OptionalLong.of(value);
    return this;
  }

  public FilterBuilder until(long value) {
    until = OptionalLong.of(value);
    return this;
  }

  public FilterBuilder limit(int value) {
    limit = OptionalInt.of(value);
    return this;
  }

  public Filter build() {
    return new Filter(
        Optional.ofNullable(ids),
        Optional.ofNullable(authors),
        Optional.ofNullable(kinds),
        tags,
        since,
        until,
        limit);
  }
}
