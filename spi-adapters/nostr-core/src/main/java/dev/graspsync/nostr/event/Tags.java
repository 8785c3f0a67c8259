package dev.graspsync.nostr.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Tag list helpers: a tag is a list of strings whose first element is its name. */
public final class Tags {
  private Tags() {}

  /**
   * Deep immutable copy. Lists that are already immutable ({@code List.of}/{@code copyOf},
   * as the parser builds them) are kept as they are, so parsing copies nothing twice.
   */
  static List<List<String>> immutableCopy(List<List<String>> tags) {
    List<List<String>> outer = List.copyOf(tags);
    if (outer == tags && allImmutable(outer)) {
      return outer;
    }
    List<List<String>> copy = new ArrayList<>(tags.size());
    for (List<String> tag : tags) {
      copy.add(List.copyOf(tag));
    }
    return List.copyOf(copy);
  }

  private static boolean allImmutable(List<List<String>> tags) {
    for (int i = 0, n = tags.size(); i < n; i++) {
      List<String> tag = tags.get(i);
      if (List.copyOf(tag) != tag) {
        return false;
      }
    }
    return true;
  }

  static List<String> values(List<List<String>> tags, String name) {
    List<String> out = new ArrayList<>();
    for (List<String> tag : tags) {
      if (tag.size() >= 2 && tag.get(0).equals(name)) {
        out.add(tag.get(1));
      }
    }
    return out;
  }

  static List<String> allValues(List<List<String>> tags, String name) {
    List<String> out = new ArrayList<>();
    for (List<String> tag : tags) {
      if (tag.size() >= 2 && tag.get(0).equals(name)) {
        out.addAll(tag.subList(1, tag.size()));
      }
    }
    return out;
  }

  static Optional<String> first(List<List<String>> tags, String name) {
    for (List<String> tag : tags) {
      if (tag.size() >= 2 && tag.get(0).equals(name)) {
        return Optional.of(tag.get(1));
      }
    }
    return Optional.empty();
  }
}
