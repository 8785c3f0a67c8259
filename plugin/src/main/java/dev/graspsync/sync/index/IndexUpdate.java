package dev.graspsync.sync.index;

import dev.graspsync.sync.relay.RelayUrl;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The index after some events, and what each event changed (in the order given): one change
 * per event, followed, for an announcement or deletion that moved other coordinates of the
 * same repository, by one {@link Change.MemberRelaysChanged} per such coordinate.
 */
public record IndexUpdate(RepoIndex index, List<Change> changes) {
  public IndexUpdate {
    changes = List.copyOf(changes);
  }

  /** Union of every change's affected relays. */
  public Set<RelayUrl> affectedRelays() {
    Set<RelayUrl> out = new LinkedHashSet<>();
    for (Change c : changes) {
      out.addAll(c.affectedRelays());
    }
    return out;
  }

  /** Every URL left out by the announcements in this update. */
  public List<RefusedUrl> refusedUrls() {
    List<RefusedUrl> out = new ArrayList<>();
    for (Change c : changes) {
      if (c instanceof Change.AnnouncementApplied a) {
        out.addAll(a.refused());
      }
    }
    return List.copyOf(out);
  }

  /** True when no event changed the index. */
  public boolean unchanged() {
    return changes.stream().allMatch(c -> c instanceof Change.Unchanged);
  }
}
