package dev.graspsync.sync.plan;

import dev.graspsync.sync.index.RepoRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable set of {@link SyncItem}s, stored by kind so that large sets (a relay's
 * hundreds of thousands of root events) need no wrapper object per item: a relay's targets,
 * its pending, confirmed or parked items, new work, a batch's items.
 */
public final class ItemSet implements ItemView {
  public static final ItemSet EMPTY = new ItemSet(false, Set.of(), Set.of());

  private final boolean announcements;
  private final Set<RepoRef> repos;
  private final Set<String> rootEvents;

  private ItemSet(boolean announcements, Set<RepoRef> repos, Set<String> rootEvents) {
    this.announcements = announcements;
    this.repos = repos;
    this.rootEvents = rootEvents;
  }

  /** Copies the given collections. */
  public static ItemSet of(boolean announcements, Collection<RepoRef> repos, Collection<String> rootEvents) {
    if (!announcements && repos.isEmpty() && rootEvents.isEmpty()) {
      return EMPTY;
    }
    return new ItemSet(announcements, Set.copyOf(repos), Set.copyOf(rootEvents));
  }

  public static ItemSet of(Collection<? extends SyncItem> items) {
    boolean l1 = false;
    Set<RepoRef> repos = new HashSet<>();
    Set<String> roots = new HashSet<>();
    for (SyncItem item : items) {
      if (item instanceof SyncItem.Announcements) {
        l1 = true;
      } else if (item instanceof SyncItem.RepoItem r) {
        repos.add(r.repo());
      } else if (item instanceof SyncItem.RootItem r) {
        roots.add(r.eventId());
      }
    }
    return owned(l1, repos, roots);
  }

  /**
   * From working sets nobody else holds. They are copied once into immutable sets: an open
   * addressing table of about 8 bytes per item against a HashSet's 40, which matters when a
   * relay's targets, pending and confirmed items each hold hundreds of thousands of ids.
   */
  static ItemSet owned(boolean announcements, Set<RepoRef> repos, Set<String> rootEvents) {
    if (!announcements && repos.isEmpty() && rootEvents.isEmpty()) {
      return EMPTY;
    }
    return new ItemSet(announcements, compact(repos), compact(rootEvents));
  }

  /** An immutable copy; a HashSet has no duplicates, so Set.of skips the copy Set.copyOf makes. */
  @SuppressWarnings("unchecked")
  private static <T> Set<T> compact(Set<T> working) {
    if (working instanceof HashSet) {
      return working.isEmpty() ? Set.of() : (Set<T>) Set.of(working.toArray());
    }
    return Set.copyOf(working); // returns an immutable set as it is
  }

  @Override
  public boolean announcements() {
    return announcements;
  }

  @Override
  public Set<RepoRef> repos() {
    return repos;
  }

  @Override
  public Set<String> rootEvents() {
    return rootEvents;
  }

  @Override
  public boolean isEmpty() {
    return !announcements && repos.isEmpty() && rootEvents.isEmpty();
  }

  public int size() {
    return (announcements ? 1 : 0) + repos.size() + rootEvents.size();
  }

  public boolean contains(SyncItem item) {
    if (item instanceof SyncItem.Announcements) {
      return announcements;
    }
    if (item instanceof SyncItem.RepoItem r) {
      return repos.contains(r.repo());
    }
    return rootEvents.contains(((SyncItem.RootItem) item).eventId());
  }

  /** This set without anything in any of {@code others}. */
  public ItemSet minus(ItemView... others) {
    for (ItemView o : others) {
      if (!o.isEmpty()) {
        return difference(this, others);
      }
    }
    return this;
  }

  /** What {@code from} holds that none of {@code others} does, as an immutable set. */
  public static ItemSet difference(ItemView from, ItemView... others) {
    boolean l1 = from.announcements();
    List<ItemView> nonEmpty = new ArrayList<>(others.length);
    for (ItemView o : others) {
      l1 &= !o.announcements();
      if (!o.isEmpty()) {
        nonEmpty.add(o);
      }
    }
    Set<RepoRef> r = new HashSet<>();
    outer:
    for (RepoRef ref : from.repos()) {
      for (ItemView o : nonEmpty) {
        if (o.repos().contains(ref)) {
          continue outer;
        }
      }
      r.add(ref);
    }
    Set<String> e = new HashSet<>();
    outer:
    for (String id : from.rootEvents()) {
      for (ItemView o : nonEmpty) {
        if (o.rootEvents().contains(id)) {
          continue outer;
        }
      }
      e.add(id);
    }
    return owned(l1, r, e);
  }

  public ItemSet union(ItemSet other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    Set<RepoRef> r = new HashSet<>(repos);
    r.addAll(other.repos);
    Set<String> e = new HashSet<>(rootEvents);
    e.addAll(other.rootEvents);
    return owned(announcements || other.announcements, r, e);
  }

  /** Every item, L1 first, then repositories, then root events (each sorted). */
  public List<SyncItem> items() {
    List<SyncItem> out = new ArrayList<>(size());
    if (announcements) {
      out.add(SyncItem.Announcements.INSTANCE);
    }
    repos.stream().sorted().map(SyncItem.RepoItem::new).forEach(out::add);
    rootEvents.stream().sorted().map(SyncItem.RootItem::new).forEach(out::add);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ItemSet s
        && announcements == s.announcements
        && repos.equals(s.repos)
        && rootEvents.equals(s.rootEvents);
  }

  @Override
  public int hashCode() {
    return Objects.hash(announcements, repos, rootEvents);
  }

  @Override
  public String toString() {
    return "ItemSet[l1=" + announcements + ", repos=" + repos.size() + ", roots=" + rootEvents.size() + "]";
  }
}
