package dev.graspsync.engine.store;

import dev.graspsync.nostr.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the most selective index for a filter: ids, then a tag, then author and kind, then
 * author, then kind, then time alone. The chosen index only narrows the candidates; every
 * candidate is still checked against the whole filter.
 */
public final class QueryPlanner {
  /** Past this many prefixes a merged walk costs more than scanning a coarser index. */
  static final int MAX_PREFIXES = 256;

  private QueryPlanner() {}

  public static QueryPlan plan(Filter filter) {
    if (matchesNothing(filter)) {
      return new QueryPlan.Nothing();
    }
    if (filter.ids().isPresent()) {
      List<byte[]> ids = new ArrayList<>();
      for (String id : filter.ids().get()) {
        if (IndexKeys.isHex(id, 32)) {
          ids.add(IndexKeys.hexToBytes(id));
        }
      }
      return ids.isEmpty() ? new QueryPlan.Nothing() : new QueryPlan.IdLookup(ids);
    }
    Optional<QueryPlan> byTag = tagWalk(filter);
    if (byTag.isPresent()) {
      return byTag.get();
    }
    List<byte[]> authors = filter.authors().map(QueryPlanner::validAuthors).orElse(List.of());
    if (filter.authors().isPresent() && authors.isEmpty()) {
      return new QueryPlan.Nothing();
    }
    Set<Integer> kinds = filter.kinds().orElse(Set.of());
    if (!authors.isEmpty()
        && !kinds.isEmpty()
        && (long) authors.size() * kinds.size() <= MAX_PREFIXES) {
      List<byte[]> prefixes = new ArrayList<>();
      for (byte[] author : authors) {
        for (int kind : kinds) {
          prefixes.add(IndexKeys.authorKindPrefix(author, kind));
        }
      }
      return walk(Column.BY_AUTHOR_KIND, prefixes);
    }
    if (!authors.isEmpty() && authors.size() <= MAX_PREFIXES) {
      return walk(Column.BY_AUTHOR, authors.stream().map(IndexKeys::authorPrefix).toList());
    }
    if (!kinds.isEmpty() && kinds.size() <= MAX_PREFIXES) {
      return walk(Column.BY_KIND, kinds.stream().map(IndexKeys::kindPrefix).toList());
    }
    return walk(Column.BY_TIME, List.of(IndexKeys.timePrefix()));
  }

  private static boolean matchesNothing(Filter filter) {
    if (filter.ids().map(Set::isEmpty).orElse(false)
        || filter.authors().map(Set::isEmpty).orElse(false)
        || filter.kinds().map(Set::isEmpty).orElse(false)) {
      return true;
    }
    for (Set<String> values : filter.tags().values()) {
      if (values.isEmpty()) {
        return true;
      }
    }
    return filter.since().isPresent()
        && filter.until().isPresent()
        && filter.since().getAsLong() > filter.until().getAsLong();
  }

  /** The indexable tag condition with the fewest values. */
  private static Optional<QueryPlan> tagWalk(Filter filter) {
    Optional<Map.Entry<Character, Set<String>>> best = Optional.empty();
    for (Map.Entry<Character, Set<String>> condition : filter.tags().entrySet()) {
      if (IndexKeys.isIndexedTagLetter(condition.getKey())
          && condition.getValue().size() <= MAX_PREFIXES
          && (best.isEmpty() || condition.getValue().size() < best.get().getValue().size())) {
        best = Optional.of(condition);
      }
    }
    return best.map(
        condition -> {
          char letter = condition.getKey();
          List<byte[]> prefixes =
              condition.getValue().stream().map(v -> IndexKeys.tagPrefix(letter, v)).toList();
          return new QueryPlan.IndexWalk(Column.BY_TAG, prefixes, Optional.of(letter));
        });
  }

  private static List<byte[]> validAuthors(Set<String> authors) {
    List<byte[]> valid = new ArrayList<>();
    for (String author : authors) {
      if (IndexKeys.isHex(author, 32)) {
        valid.add(IndexKeys.hexToBytes(author));
      }
    }
    return valid;
  }

  private static QueryPlan walk(Column column, List<byte[]> prefixes) {
    return new QueryPlan.IndexWalk(column, prefixes, Optional.empty());
  }
}
