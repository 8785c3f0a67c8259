package dev.graspsync.engine.store;

import java.util.List;
import java.util.Optional;

/** How one filter's candidates are found. */
public sealed interface QueryPlan {

  /** The filter cannot match anything (an empty set, since after until, a malformed id). */
  record Nothing() implements QueryPlan {}

  /** Point lookups of the filter's ids. */
  record IdLookup(List<byte[]> ids) implements QueryPlan {
    public IdLookup {
      ids = List.copyOf(ids);
    }
  }

  /**
   * Newest-first walk of one index, merged over several key prefixes (one per author, kind
   * or tag value).
   *
   * @param tagLetter the tag letter the prefixes are values of, when walking the tag index:
   *     every candidate then already satisfies that tag condition
   */
  record IndexWalk(Column column, List<byte[]> prefixes, Optional<Character> tagLetter)
      implements QueryPlan {
    public IndexWalk {
      prefixes = List.copyOf(prefixes);
    }
  }
}
