package dev.graspsync.sync.index;

import dev.graspsync.sync.relay.RelayUrl;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What one event did to the {@link RepoIndex}: for logs, metrics and incremental planning. */
public sealed interface Change {

  /** Relays whose targets this change touched: the ones to plan again. */
  Set<RelayUrl> affectedRelays();

  /**
   * An announcement became the repository's current one.
   *
   * @param replacedOlder an older announcement of the same ref was replaced
   * @param relays the repository's relays now
   * @param relaysAdded relays the repository did not have before (they need its history)
   * @param relaysRemoved relays it no longer lists (they may become unneeded)
   * @param refused URLs left out and why, own URLs and over-cap ones included
   * @param relaysOverCap how many valid relays max-relays-per-repo left out
   */
  record AnnouncementApplied(
      RepoRef repo,
      String eventId,
      boolean replacedOlder,
      Set<RelayUrl> relays,
      Set<RelayUrl> relaysAdded,
      Set<RelayUrl> relaysRemoved,
      List<RefusedUrl> refused,
      int relaysOverCap)
      implements Change {
    public AnnouncementApplied {
      relays = Set.copyOf(relays);
      relaysAdded = Set.copyOf(relaysAdded);
      relaysRemoved = Set.copyOf(relaysRemoved);
      refused = List.copyOf(refused);
    }

    @Override
    public Set<RelayUrl> affectedRelays() {
      return union(relaysAdded, relaysRemoved);
    }
  }

  /**
   * A root event joined repositories.
   *
   * @param repos every repository its {@code a} tags name
   * @param relays the relays of those repositories when it joined
   */
  record RootEventApplied(String eventId, Set<RepoRef> repos, Set<RelayUrl> relays) implements Change {
    public RootEventApplied {
      repos = Set.copyOf(repos);
      relays = Set.copyOf(relays);
    }

    @Override
    public Set<RelayUrl> affectedRelays() {
      return relays;
    }
  }

  /**
   * A coordinate's relays changed because its repository changed: another member's
   * announcement arrived, changed or went, or the repository stopped or started being hosted.
   */
  record MemberRelaysChanged(RepoRef repo, Set<RelayUrl> relays, Set<RelayUrl> relaysAdded, Set<RelayUrl> relaysRemoved)
      implements Change {
    public MemberRelaysChanged {
      relays = Set.copyOf(relays);
      relaysAdded = Set.copyOf(relaysAdded);
      relaysRemoved = Set.copyOf(relaysRemoved);
    }

    @Override
    public Set<RelayUrl> affectedRelays() {
      return union(relaysAdded, relaysRemoved);
    }
  }

  /**
   * Its author deleted an announcement or a root event (NIP-09) and the host removed it: the
   * coordinate, or the root event, is no longer synced from {@code relays}.
   */
  record Removed(What what, String eventId, Set<RelayUrl> relays) implements Change {
    public enum What { ANNOUNCEMENT, ROOT_EVENT }

    public Removed {
      relays = Set.copyOf(relays);
    }

    @Override
    public Set<RelayUrl> affectedRelays() {
      return relays;
    }
  }

  /** The event left the index as it was. */
  record Unchanged(String eventId, Why why) implements Change {
    public enum Why {
      /** An announcement older than (or tied and losing to) the one indexed. */
      OLDER_ANNOUNCEMENT,
      /** The same announcement or root event again. */
      ALREADY_INDEXED,
      /** A root kind that names no repository in an {@code a} tag. */
      NO_REPOSITORY,
      /** An author that is not a 64-hex pubkey. */
      BAD_AUTHOR,
      /** Neither an announcement nor a root event. */
      NOT_INDEXED_KIND,
      /** A deletion request naming nothing the index holds (or nothing the host deleted). */
      NOTHING_DELETED
    }

    @Override
    public Set<RelayUrl> affectedRelays() {
      return Set.of();
    }
  }

  private static Set<RelayUrl> union(Set<RelayUrl> added, Set<RelayUrl> removed) {
    Set<RelayUrl> out = new LinkedHashSet<>(added);
    out.addAll(removed);
    return out;
  }
}
