package dev.graspsync.sync.plan;

import dev.graspsync.sync.index.RepoRef;
import java.util.Collections;
import java.util.Set;

/**
 * A growing and shrinking set of items, for a relay's confirmed and pending items: adding a
 * batch of 100 to an {@link ItemSet} of hundreds of thousands would copy it every time. The
 * items are kept in {@link CompactSet}s of the references the targets hold (one array slot an
 * item), and read in place through {@link ItemView}: no cached copy doubles them. Not
 * thread-safe: its owner's event loop only.
 */
public final class ItemSetBuilder implements ItemView {
  private boolean announcements;
  private final CompactSet<RepoRef> repos = new CompactSet<>();
  private final CompactSet<String> rootEvents = new CompactSet<>();
  private final Set<RepoRef> reposView = Collections.unmodifiableSet(repos);
  private final Set<String> rootEventsView = Collections.unmodifiableSet(rootEvents);

  public ItemSetBuilder addAll(ItemSet items) {
    if (!items.isEmpty()) {
      announcements |= items.announcements();
      repos.addAll(items.repos());
      rootEvents.addAll(items.rootEvents());
    }
    return this;
  }

  public ItemSetBuilder removeAll(ItemSet items) {
    if (!items.isEmpty()) {
      announcements &= !items.announcements();
      // item by item: AbstractSet.removeAll would walk this set when it is the smaller one
      items.repos().forEach(repos::remove);
      items.rootEvents().forEach(rootEvents::remove);
    }
    return this;
  }

  public void clear() {
    announcements = false;
    repos.clear();
    rootEvents.clear();
  }

  @Override
  public boolean announcements() {
    return announcements;
  }

  @Override
  public Set<RepoRef> repos() {
    return reposView;
  }

  @Override
  public Set<String> rootEvents() {
    return rootEventsView;
  }

  @Override
  public boolean isEmpty() {
    return !announcements && repos.isEmpty() && rootEvents.isEmpty();
  }

  public int size() {
    return (announcements ? 1 : 0) + repos.size() + rootEvents.size();
  }

  /** An immutable copy of the current items (made on each call: callers that only read use the view). */
  public ItemSet snapshot() {
    return ItemSet.difference(this);
  }
}
