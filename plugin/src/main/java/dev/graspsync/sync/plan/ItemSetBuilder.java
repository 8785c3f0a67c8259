package dev.graspsync.sync.plan;

import dev.graspsync.sync.index.RepoRef;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A growing and shrinking set of items, for a relay's confirmed and pending items: adding a
 * batch of 100 to an {@link ItemSet} of hundreds of thousands would copy it every time. Not
 * thread-safe: its owner's event loop only. {@link #snapshot} is cached until the next change.
 */
public final class ItemSetBuilder {
  private boolean announcements;
  private final Set<RepoRef> repos = new HashSet<>();
  private final Set<String> rootEvents = new HashSet<>();
  private Optional<ItemSet> snapshot = Optional.of(ItemSet.EMPTY);

  public ItemSetBuilder addAll(ItemSet items) {
    if (!items.isEmpty()) {
      announcements |= items.announcements();
      repos.addAll(items.repos());
      rootEvents.addAll(items.rootEvents());
      snapshot = Optional.empty();
    }
    return this;
  }

  public ItemSetBuilder removeAll(ItemSet items) {
    if (!items.isEmpty()) {
      announcements &= !items.announcements();
      repos.removeAll(items.repos());
      rootEvents.removeAll(items.rootEvents());
      snapshot = Optional.empty();
    }
    return this;
  }

  public void clear() {
    announcements = false;
    repos.clear();
    rootEvents.clear();
    snapshot = Optional.of(ItemSet.EMPTY);
  }

  public boolean isEmpty() {
    return !announcements && repos.isEmpty() && rootEvents.isEmpty();
  }

  public int size() {
    return (announcements ? 1 : 0) + repos.size() + rootEvents.size();
  }

  /** An immutable copy of the current items. */
  public ItemSet snapshot() {
    if (snapshot.isEmpty()) {
      snapshot = Optional.of(ItemSet.of(announcements, repos, rootEvents));
    }
    return snapshot.get();
  }
}
