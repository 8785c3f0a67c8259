package dev.graspsync.sync.index;

import dev.graspsync.sync.relay.RelayUrl;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The repositories one identifier ({@code d}) forms: a repository is an announcement plus the
 * announcements of the maintainers it names, recursively (a maintainer's announcement may name
 * further maintainers). Members are linked both ways, so the owner's and the maintainers'
 * announcements end in one group whichever names the other. A group is hosted when one of
 * its members lists this relay; its relays are then the union of every member's relays, and
 * every member coordinate is synced from every one of them. A group nobody lists here any
 * more is not synced at all.
 */
final class RepoGroups {
  private RepoGroups() {}

  /**
   * @param members every member coordinate
   * @param relays the union of the members' relays when hosted, else empty
   */
  record Group(List<RepoRef> members, boolean hosted, Set<RelayUrl> relays) {}

  /**
   * @param refs coordinates of one identifier: announced ones and the maintainers they name
   * @param announcement each ref's announcement ({@link MemberAnnouncement#NONE} if none)
   * @param unknownOwnUrls the host gave no URL of its own: every announced group counts as hosted
   */
  static List<Group> of(
      Collection<RepoRef> refs,
      Function<RepoRef, MemberAnnouncement> announcement,
      Function<RepoRef, Boolean> announced,
      boolean unknownOwnUrls) {
    List<RepoRef> sorted = refs.stream().sorted(Comparator.comparing(RepoRef::format)).toList();
    Map<String, RepoRef> byOwner = new HashMap<>();
    sorted.forEach(r -> byOwner.put(r.owner(), r));
    Map<RepoRef, RepoRef> parent = new HashMap<>();
    sorted.forEach(r -> parent.put(r, r));
    for (RepoRef r : sorted) {
      for (String maintainer : announcement.apply(r).maintainers()) {
        RepoRef m = byOwner.get(maintainer);
        if (m != null) {
          parent.put(root(parent, m), root(parent, r));
        }
      }
    }
    Map<RepoRef, List<RepoRef>> components = new LinkedHashMap<>();
    for (RepoRef r : sorted) {
      components.computeIfAbsent(root(parent, r), k -> new ArrayList<>()).add(r);
    }
    List<Group> out = new ArrayList<>(components.size());
    for (List<RepoRef> members : components.values()) {
      boolean hosted = false;
      Set<RelayUrl> relays = new LinkedHashSet<>();
      for (RepoRef m : members) {
        MemberAnnouncement a = announcement.apply(m);
        hosted |= a.listsThisRelay() || (unknownOwnUrls && announced.apply(m));
        relays.addAll(a.relays());
      }
      out.add(new Group(List.copyOf(members), hosted, hosted ? relays : Set.of()));
    }
    return out;
  }

  /** How many of {@code groups} are hosted. */
  static int hosted(List<Group> groups) {
    return (int) groups.stream().filter(Group::hosted).count();
  }

  private static RepoRef root(Map<RepoRef, RepoRef> parent, RepoRef r) {
    RepoRef p = parent.get(r);
    while (!p.equals(parent.get(p))) {
      p = parent.get(p);
    }
    return p;
  }
}
