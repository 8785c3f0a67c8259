package dev.graspsync.sync.index;

import dev.graspsync.sync.relay.RelayUrl;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the index knows about one repository. An entry can exist before its announcement:
 * a root event naming a repository not yet announced here is kept, with no relays, and is
 * synced once an announcement brings relays.
 *
 * @param announcement the announcement the relays come from; empty until one arrives
 * @param relays normalised, capped at max-relays-per-repo, in announcement order
 * @param relaysOverCap valid relays left out by the cap
 * @param rootEvents ids of the root events that joined this repository
 */
public record RepoEntry(
    RepoRef ref,
    Optional<AnnouncementStamp> announcement,
    Set<RelayUrl> relays,
    int relaysOverCap,
    Set<String> rootEvents) {

  public RepoEntry {
    relays = Collections.unmodifiableSet(new LinkedHashSet<>(relays));
    rootEvents = Set.copyOf(rootEvents);
  }

  static RepoEntry unannounced(RepoRef ref) {
    return new RepoEntry(ref, Optional.empty(), Set.of(), 0, Set.of());
  }
}
