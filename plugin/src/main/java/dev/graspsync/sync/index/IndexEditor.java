package dev.graspsync.sync.index;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Nip34;
import dev.graspsync.sync.relay.RelayUrl;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A private draft of a {@link RepoIndex}: applies events one by one on mutable copies of the
 * entries it touches, then {@link #freeze()}s them into a new index. Never shared.
 */
final class IndexEditor {
  private final IndexRules rules;
  private final ShardedMap<RepoRef, RepoEntry> baseRepos;
  private final ShardedMap<RelayUrl, Set<RepoRef>> baseRelayRepos;
  private final ShardedMap.Editor<String, Set<RepoRef>> rootRepos;
  private final Map<RepoRef, Draft> drafts = new HashMap<>();
  private final Map<RelayUrl, Set<RepoRef>> relayDrafts = new HashMap<>();

  private static final class Draft {
    final RepoRef ref;
    Optional<AnnouncementStamp> announcement;
    Set<RelayUrl> relays;
    int overCap;
    final Set<String> roots;

    Draft(RepoEntry e) {
      ref = e.ref();
      announcement = e.announcement();
      relays = e.relays();
      overCap = e.relaysOverCap();
      roots = new HashSet<>(e.rootEvents());
    }

    RepoEntry toEntry() {
      return new RepoEntry(ref, announcement, relays, overCap, roots);
    }
  }

  IndexEditor(RepoIndex base) {
    this.rules = base.rules();
    this.baseRepos = base.repos;
    this.baseRelayRepos = base.relayRepos;
    this.rootRepos = base.rootRepos.edit();
  }

  Change apply(Event e) {
    if (e.kind() == Nip34.REPO_ANNOUNCEMENT) {
      return applyAnnouncement(e);
    }
    if (Nip34.ROOT_KINDS.contains(e.kind())) {
      return applyRoot(e);
    }
    return new Change.Unchanged(e.id(), Change.Unchanged.Why.NOT_INDEXED_KIND);
  }

  private Change applyAnnouncement(Event e) {
    Optional<RepoRef> maybeRef = RepoRef.of(e.pubkey(), e.dTag());
    if (maybeRef.isEmpty()) {
      return new Change.Unchanged(e.id(), Change.Unchanged.Why.BAD_AUTHOR);
    }
    RepoRef ref = maybeRef.get();
    AnnouncementStamp stamp = new AnnouncementStamp(e.id(), e.createdAt());
    Draft draft = draft(ref);
    if (draft.announcement.isPresent()) {
      AnnouncementStamp current = draft.announcement.get();
      if (current.eventId().equals(stamp.eventId())) {
        return new Change.Unchanged(e.id(), Change.Unchanged.Why.ALREADY_INDEXED);
      }
      if (!stamp.supersedes(current)) {
        return new Change.Unchanged(e.id(), Change.Unchanged.Why.OLDER_ANNOUNCEMENT);
      }
    }
    AnnouncementRelays extracted = AnnouncementRelays.of(e, rules);
    Set<RelayUrl> before = draft.relays;
    Set<RelayUrl> after = extracted.relays();
    Set<RelayUrl> added = new LinkedHashSet<>(after);
    added.removeAll(before);
    Set<RelayUrl> removed = new LinkedHashSet<>(before);
    removed.removeAll(after);
    for (RelayUrl r : added) {
      relayDraft(r).add(ref);
    }
    for (RelayUrl r : removed) {
      relayDraft(r).remove(ref);
    }
    boolean replaced = draft.announcement.isPresent();
    draft.announcement = Optional.of(stamp);
    draft.relays = after;
    draft.overCap = extracted.overCap();
    return new Change.AnnouncementApplied(
        ref, e.id(), replaced, after, added, removed, extracted.refused(), extracted.overCap());
  }

  private Change applyRoot(Event e) {
    Optional<RootEvent> root = RootEvent.from(e);
    if (root.isEmpty()) {
      return new Change.Unchanged(e.id(), Change.Unchanged.Why.NO_REPOSITORY);
    }
    if (rootRepos.get(e.id()) != null) {
      return new Change.Unchanged(e.id(), Change.Unchanged.Why.ALREADY_INDEXED);
    }
    // Every root event parses its own copies of the repository refs; keeping the entry's
    // instance instead saves about 180 bytes per root event (200,000 of them: 36 MB).
    Set<RepoRef> repos = new LinkedHashSet<>();
    Set<RelayUrl> relays = new LinkedHashSet<>();
    for (RepoRef parsed : root.get().repos()) {
      Draft d = draft(parsed);
      d.roots.add(e.id());
      relays.addAll(d.relays);
      repos.add(d.ref);
    }
    Set<RepoRef> canonical = Set.copyOf(repos);
    rootRepos.put(e.id(), canonical);
    return new Change.RootEventApplied(e.id(), canonical, relays);
  }

  private Draft draft(RepoRef ref) {
    return drafts.computeIfAbsent(ref, r -> {
      RepoEntry existing = baseRepos.get(r);
      return new Draft(existing != null ? existing : RepoEntry.unannounced(r));
    });
  }

  private Set<RepoRef> relayDraft(RelayUrl relay) {
    return relayDrafts.computeIfAbsent(relay, r -> {
      Set<RepoRef> existing = baseRelayRepos.get(r);
      return existing == null ? new HashSet<>() : new HashSet<>(existing);
    });
  }

  RepoIndex freeze() {
    ShardedMap.Editor<RepoRef, RepoEntry> repos = baseRepos.edit();
    for (Draft d : drafts.values()) {
      repos.put(d.ref, d.toEntry());
    }
    ShardedMap.Editor<RelayUrl, Set<RepoRef>> relayRepos = baseRelayRepos.edit();
    relayDrafts.forEach((relay, set) -> {
      if (set.isEmpty()) {
        relayRepos.remove(relay);
      } else {
        relayRepos.put(relay, Set.copyOf(set));
      }
    });
    return new RepoIndex(rules, repos.freeze(), rootRepos.freeze(), relayRepos.freeze());
  }
}
