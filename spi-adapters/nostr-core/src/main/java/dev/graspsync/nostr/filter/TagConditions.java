package dev.graspsync.nostr.filter;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A filter's {@code #x} conditions as parallel arrays (letter, values), in insertion order, so
 * the matcher walks them by index without iterators or boxing. An immutable {@link Map} to
 * everyone else.
 */
final class TagConditions extends AbstractMap<Character, Set<String>> {
  private final char[] letters;
  private final StringSet[] values;
  private final Set<Map.Entry<Character, Set<String>>> entries;

  private TagConditions(char[] letters, StringSet[] values) {
    this.letters = letters;
    this.values = values;
    Set<Map.Entry<Character, Set<String>>> e = new LinkedHashSet<>();
    for (int i = 0; i < letters.length; i++) {
      e.add(Map.entry(letters[i], values[i]));
    }
    this.entries = Collections.unmodifiableSet(e);
  }

  static TagConditions of(Map<Character, Set<String>> tags) {
    if (tags instanceof TagConditions t) {
      return t;
    }
    char[] letters = new char[tags.size()];
    StringSet[] values = new StringSet[tags.size()];
    int i = 0;
    for (Map.Entry<Character, Set<String>> e : tags.entrySet()) {
      letters[i] = Objects.requireNonNull(e.getKey(), "tag letter");
      values[i] = StringSet.of(e.getValue());
      i++;
    }
    return new TagConditions(letters, values);
  }

  int count() {
    return letters.length;
  }

  char letter(int i) {
    return letters[i];
  }

  StringSet values(int i) {
    return values[i];
  }

  @Override
  public Set<String> get(Object key) {
    if (key instanceof Character c) {
      for (int i = 0; i < letters.length; i++) {
        if (letters[i] == c) {
          return values[i];
        }
      }
    }
    return null;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public Set<Map.Entry<Character, Set<String>>> entrySet() {
    return entries;
  }
}
