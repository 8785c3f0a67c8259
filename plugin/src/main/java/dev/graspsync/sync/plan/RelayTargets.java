package dev.graspsync.sync.plan;

import dev.graspsync.sync.index.Change;
import dev.graspsync.sync.index.RepoEntry;
import dev.graspsync.sync.index.RepoIndex;
import dev.graspsync.sync.index.RepoRef;
import dev.graspsync.sync.relay.RelayUrl;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The repository index turned around: per relay, the items to sync from it. Every relay gets
 * L1 (announcements and GRASP server lists, relay-wide, as the reference does: that is how
 * announcements listing this relay but published elsewhere are found). Bootstrap relays are
 * targets even when no repository lists them. This relay's own URLs never are.
 *
 * <p>At most {@code maxRelays} relays: bootstrap relays first, then the relays the most
 * repositories list (ties by URL). The rest are in {@link #overCap()}, to be counted and
 * logged, not dialled.
 *
 * @param byRelay targets in rank order
 * @param overCap relays left out by {@code max-relays}
 */
public record RelayTargets(Map<RelayUrl, RelayTarget> byRelay, List<RelayUrl> overCap) {
  public RelayTargets {
    byRelay = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byRelay));
    overCap = List.copyOf(overCap);
  }

  public Optional<RelayTarget> forRelay(RelayUrl relay) {
    return Optional.ofNullable(byRelay.get(relay));
  }

  public Set<RelayUrl> relays() {
    return byRelay.keySet();
  }

  /**
   * One relay's full targets, from scratch: on (re)connect, after a full sync, at its daily
   * resync. Costs as much as the relay's share of the index; see {@link #derive} for all.
   */
  public static RelayTarget deriveOne(RepoIndex index, RelayUrl relay, boolean bootstrap) {
    return new RelayTarget(relay, bootstrap, fullItems(index, relay));
  }

  /**
   * Every relay's full targets, from scratch: at start-up. This materialises every relay's
   * root events (10,000 repositories × 5 relays × 50 root events is 2.5 million entries);
   * while a sync runs, plan from the batch window's changes with {@link #touchedBy} and per
   * relay with {@link #deriveOne} instead.
   */
  public static RelayTargets derive(RepoIndex index, Collection<RelayUrl> bootstrap, int maxRelays) {
    Set<RelayUrl> own = index.rules().ownUrls();
    Set<RelayUrl> boot = new LinkedHashSet<>(bootstrap);
    boot.removeAll(own);
    List<RelayUrl> others = new ArrayList<>();
    for (RelayUrl r : index.relays()) {
      if (!boot.contains(r) && !own.contains(r)) {
        others.add(r);
      }
    }
    others.sort(Comparator.comparingInt((RelayUrl r) -> -index.reposOn(r).size()).thenComparing(r -> r));
    int room = Math.max(0, maxRelays - boot.size());
    Map<RelayUrl, RelayTarget> out = new LinkedHashMap<>();
    for (RelayUrl r : boot) {
      out.put(r, new RelayTarget(r, true, fullItems(index, r)));
    }
    List<RelayUrl> over = new ArrayList<>();
    for (RelayUrl r : others) {
      if (room > 0) {
        out.put(r, new RelayTarget(r, false, fullItems(index, r)));
        room--;
      } else {
        over.add(r);
      }
    }
    return new RelayTargets(out, over);
  }

  /**
   * Only what {@code changes} added, per relay: an announcement's (or a fellow member's) new
   * relays get the coordinate and its root events; a new root event goes to the relays of every repository
   * it joined (read from {@code index}, the index after the changes). Relays not yet in
   * {@code tracked} are admitted while fewer than {@code maxRelays} relays are tracked; the
   * rest land in {@link #overCap()}. Feed the result to {@link Planner#newWork}: targets the
   * relay already has are removed there.
   */
  public static RelayTargets touchedBy(
      RepoIndex index,
      List<Change> changes,
      Collection<RelayUrl> bootstrap,
      Set<RelayUrl> tracked,
      int maxRelays) {
    Map<RelayUrl, Set<RepoRef>> repos = new LinkedHashMap<>();
    Map<RelayUrl, Set<String>> roots = new LinkedHashMap<>();
    for (Change change : changes) {
      Optional<RepoRef> moved = change instanceof Change.AnnouncementApplied a ? Optional.of(a.repo())
          : change instanceof Change.MemberRelaysChanged m ? Optional.of(m.repo()) : Optional.empty();
      Set<RelayUrl> added = change instanceof Change.AnnouncementApplied a ? a.relaysAdded()
          : change instanceof Change.MemberRelaysChanged m ? m.relaysAdded() : Set.of();
      if (moved.isPresent()) {
        Set<String> repoRoots = index.repo(moved.get()).map(RepoEntry::rootEvents).orElse(Set.of());
        for (RelayUrl relay : added) {
          repos.computeIfAbsent(relay, k -> new HashSet<>()).add(moved.get());
          roots.computeIfAbsent(relay, k -> new HashSet<>()).addAll(repoRoots);
        }
      } else if (change instanceof Change.RootEventApplied r) {
        for (RepoRef ref : r.repos()) {
          for (RelayUrl relay : index.repo(ref).map(RepoEntry::relays).orElse(Set.of())) {
            roots.computeIfAbsent(relay, k -> new HashSet<>()).add(r.eventId());
          }
        }
      }
    }
    Set<RelayUrl> touched = new LinkedHashSet<>(repos.keySet());
    touched.addAll(roots.keySet());
    touched.removeAll(index.rules().ownUrls());
    Set<RelayUrl> boot = Set.copyOf(bootstrap);
    int trackedCount = tracked.size();
    Map<RelayUrl, RelayTarget> out = new LinkedHashMap<>();
    List<RelayUrl> over = new ArrayList<>();
    for (RelayUrl relay : touched.stream().sorted().toList()) {
      boolean known = tracked.contains(relay) || boot.contains(relay);
      if (!known) {
        if (trackedCount >= maxRelays) {
          over.add(relay);
          continue;
        }
        trackedCount++;
      }
      ItemSet items = ItemSet.owned(
          true,
          repos.getOrDefault(relay, new HashSet<>()),
          roots.getOrDefault(relay, new HashSet<>()));
      out.put(relay, new RelayTarget(relay, boot.contains(relay), items));
    }
    return new RelayTargets(out, over);
  }

  private static ItemSet fullItems(RepoIndex index, RelayUrl relay) {
    Set<RepoRef> repos = index.reposOn(relay);
    int expected = 0;
    for (RepoRef ref : repos) {
      expected += index.repo(ref).map(e -> e.rootEvents().size()).orElse(0);
    }
    Set<String> roots = new HashSet<>(Math.max(16, expected * 4 / 3 + 1));
    for (RepoRef ref : repos) {
      index.repo(ref).ifPresent(e -> roots.addAll(e.rootEvents()));
    }
    return ItemSet.owned(true, repos, roots);
  }
}
