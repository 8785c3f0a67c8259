package dev.graspsync.sync.index;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Nip34;
import dev.graspsync.sync.relay.RelayUrl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The repositories this relay serves, as an immutable value: repository ref → {@link
 * RepoEntry} (relays, root events), root event id → the repositories it joined, and relay →
 * the repositories that list it.
 *
 * <p>Updates return a new index and leave this one untouched; unchanged parts are shared
 * (see {@link ShardedMap}; a relay's repositories are a {@link ChunkedSet}), so one event
 * costs about as much as the part it touches. Load a
 * store at start-up with {@link #withEvents(Iterable)}, which is linear in the events.
 *
 * <p>Rules: each coordinate's newest announcement counts (every {@code relays} value and the
 * relay implied by each http(s) {@code clone}, see {@link AnnouncementRelays}); a repository
 * is an announcement plus its maintainers' announcements of the same {@code d}, recursively,
 * synced only while one of them lists this relay, from the union of their relays, asking for
 * every member coordinate (see {@link RepoGroups}); a root event joins every repository its
 * {@code a} tags name; a deletion removes what the host deleted. Events of other kinds leave
 * the index as it is.
 */
public final class RepoIndex {
  private final IndexRules rules;
  final ShardedMap<RepoRef, RepoEntry> repos;
  final ShardedMap<String, Set<RepoRef>> rootRepos;
  final ShardedMap<RelayUrl, ChunkedSet<RepoRef>> relayRepos;
  /** Identifier → its announced coordinates and the maintainers they name. */
  final ShardedMap<String, Set<RepoRef>> names;
  private final int hostedRepos;
  final int announced;

  RepoIndex(
      IndexRules rules,
      ShardedMap<RepoRef, RepoEntry> repos,
      ShardedMap<String, Set<RepoRef>> rootRepos,
      ShardedMap<RelayUrl, ChunkedSet<RepoRef>> relayRepos,
      ShardedMap<String, Set<RepoRef>> names,
      int hostedRepos,
      int announced) {
    this.rules = rules;
    this.repos = repos;
    this.rootRepos = rootRepos;
    this.relayRepos = relayRepos;
    this.names = names;
    this.hostedRepos = hostedRepos;
    this.announced = announced;
  }

  public static RepoIndex empty(IndexRules rules) {
    return new RepoIndex(rules, ShardedMap.empty(), ShardedMap.empty(), ShardedMap.empty(), ShardedMap.empty(), 0, 0);
  }

  public IndexRules rules() {
    return rules;
  }

  /** Applies an announcement, a root event, or (unchanged) anything else. */
  public IndexUpdate withEvent(Event event) {
    return withEvents(List.of(event));
  }

  /** Applies a 30617 announcement; other kinds come back {@code NOT_INDEXED_KIND}. */
  public IndexUpdate withAnnouncement(Event announcement) {
    if (announcement.kind() != Nip34.REPO_ANNOUNCEMENT) {
      return notIndexed(announcement);
    }
    return withEvent(announcement);
  }

  /** Applies a root event (1617, 1618, 1621); other kinds come back {@code NOT_INDEXED_KIND}. */
  public IndexUpdate withRootEvent(Event rootEvent) {
    if (!Nip34.ROOT_KINDS.contains(rootEvent.kind())) {
      return notIndexed(rootEvent);
    }
    return withEvent(rootEvent);
  }

  /** Applies events in order, copying each touched part of the index once. */
  public IndexUpdate withEvents(Iterable<Event> events) {
    IndexEditor editor = new IndexEditor(this);
    List<Change> changes = new ArrayList<>();
    for (Event e : events) {
      changes.addAll(editor.apply(e));
    }
    return new IndexUpdate(editor.freeze(), changes);
  }

  /**
   * The ids whose presence in the host's store decides what {@code deletion} removes: the
   * root events it names that the index holds, and the announcements of its coordinates.
   */
  public Set<String> deletionTargets(Deletion deletion) {
    return IndexEditor.deletionTargets(this, deletion);
  }

  /**
   * Applies a deletion the host stored: removes the root events and announcements it names
   * whose ids are in {@code gone} (the host no longer stores them; it checked the author).
   */
  public IndexUpdate withDeletion(Deletion deletion, Set<String> gone) {
    IndexEditor editor = new IndexEditor(this);
    List<Change> changes = editor.applyDeletion(deletion, gone);
    return new IndexUpdate(editor.freeze(), changes);
  }

  private IndexUpdate notIndexed(Event e) {
    return new IndexUpdate(this, List.of(new Change.Unchanged(e.id(), Change.Unchanged.Why.NOT_INDEXED_KIND)));
  }

  public Optional<RepoEntry> repo(RepoRef ref) {
    return Optional.ofNullable(repos.get(ref));
  }

  /** Every entry (announced or not), in no particular order. */
  public List<RepoEntry> entries() {
    return repos.values();
  }

  /** The repositories a root event joined; empty for an unknown id. */
  public Set<RepoRef> reposOf(String rootEventId) {
    Set<RepoRef> s = rootRepos.get(rootEventId);
    return s == null ? Set.of() : s;
  }

  public boolean knowsRootEvent(String rootEventId) {
    return rootRepos.containsKey(rootEventId);
  }

  /** The repositories whose current announcement lists {@code relay}. */
  public Set<RepoRef> reposOn(RelayUrl relay) {
    ChunkedSet<RepoRef> s = relayRepos.get(relay);
    return s == null ? Set.of() : s;
  }

  /** Every relay some repository lists. */
  public Set<RelayUrl> relays() {
    return Set.copyOf(relayRepos.keys());
  }

  /** The relays of every repository {@code rootEventId} joined. */
  public Set<RelayUrl> relaysOfRootEvent(String rootEventId) {
    Set<RelayUrl> out = new HashSet<>();
    for (RepoRef ref : reposOf(rootEventId)) {
      repo(ref).ifPresent(e -> out.addAll(e.relays()));
    }
    return out;
  }

  /** Repositories synced: groups of member announcements one of which lists this relay. */
  public int repoCount() {
    return hostedRepos;
  }

  /**
   * Coordinates known without an announcement here: named by root events (or as maintainers)
   * before, or without, an announcement of their own.
   */
  public int unannouncedCount() {
    return repos.size() - announced;
  }

  public int rootEventCount() {
    return rootRepos.size();
  }

  public int relayCount() {
    return relayRepos.size();
  }
}
