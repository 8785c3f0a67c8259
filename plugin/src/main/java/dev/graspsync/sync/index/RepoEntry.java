package dev.graspsync.sync.index;

import dev.graspsync.sync.relay.RelayUrl;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the index knows about one repository coordinate. An entry can exist before its
 * announcement: a root event naming a repository not yet announced here is kept, with no
 * relays, and is synced once an announcement brings relays; a maintainer named by a hosted
 * announcement has an entry (and is synced) before its own announcement arrives.
 *
 * @param announcement the announcement of this coordinate; empty until one arrives
 * @param relays the relays this coordinate is synced from: every relay of its repository (the
 *     owner's and the maintainers' announcements together, see {@link RepoGroups}) when one
 *     of them lists this relay, else none
 * @param relaysOverCap valid relays its announcement listed beyond max-relays-per-repo
 * @param rootEvents ids of the root events that joined this repository
 * @param member what its own announcement says ({@link MemberAnnouncement#NONE} without one)
 */
public record RepoEntry(
    RepoRef ref,
    Optional<AnnouncementStamp> announcement,
    Set<RelayUrl> relays,
    int relaysOverCap,
    Set<String> rootEvents,
    MemberAnnouncement member) {

  public RepoEntry {
    relays = Collections.unmodifiableSet(new LinkedHashSet<>(relays));
    rootEvents = Set.copyOf(rootEvents);
  }

  static RepoEntry unannounced(RepoRef ref) {
    return new RepoEntry(ref, Optional.empty(), Set.of(), 0, Set.of(), MemberAnnouncement.NONE);
  }

  /** Nothing left to keep: no announcement, no root event, not synced. */
  boolean isEmpty() {
    return announcement.isEmpty() && rootEvents.isEmpty() && relays.isEmpty();
  }
}
