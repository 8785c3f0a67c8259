package dev.graspsync.sync.plan;

import dev.graspsync.sync.index.RepoRef;
import java.util.Set;

/**
 * Read access to a set of {@link SyncItem}s by kind, shared by the immutable {@link ItemSet} and
 * the working {@link ItemSetBuilder}, so that new work is computed against a relay's pending and
 * confirmed items as they are, without an immutable copy of hundreds of thousands of ids.
 */
public interface ItemView {
  boolean announcements();

  /** Read-only. */
  Set<RepoRef> repos();

  /** Read-only. */
  Set<String> rootEvents();

  default boolean isEmpty() {
    return !announcements() && repos().isEmpty() && rootEvents().isEmpty();
  }
}
