package dev.graspsync.sync.index;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.sync.relay.RelayUrl;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What one announcement (30617) brings to the repository it belongs to: its own relays, the
 * maintainers it names, and whether it lists this relay. A repository is the owner's
 * announcement plus its maintainers' announcements of the same {@code d}; see {@link
 * RepoGroups}.
 *
 * @param relays the announcement's relays after {@link AnnouncementRelays} (own URLs left out)
 * @param maintainers valid pubkeys of its {@code maintainers} tags, the author left out, at most
 *     {@link #MAX_MAINTAINERS}
 * @param listsThisRelay a {@code relays} value or a {@code clone} URL names this relay
 */
public record MemberAnnouncement(Set<RelayUrl> relays, Set<String> maintainers, boolean listsThisRelay) {
  /**
   * Maintainers taken from one announcement at most: each one becomes a coordinate asked on
   * every relay of the repository, so one announcement must not make that list unbounded.
   */
  public static final int MAX_MAINTAINERS = 64;

  /** An entry without an announcement. */
  public static final MemberAnnouncement NONE = new MemberAnnouncement(Set.of(), Set.of(), false);

  public MemberAnnouncement {
    relays = Collections.unmodifiableSet(new LinkedHashSet<>(relays));
    maintainers = Set.copyOf(maintainers);
  }

  static MemberAnnouncement of(Event announcement, AnnouncementRelays extracted) {
    Set<String> maintainers = new LinkedHashSet<>();
    for (String value : announcement.tagValuesAll("maintainers")) {
      if (maintainers.size() >= MAX_MAINTAINERS) {
        break;
      }
      if (!value.equals(announcement.pubkey()) && RepoRef.of(value, announcement.dTag()).isPresent()) {
        maintainers.add(value);
      }
    }
    boolean listsThisRelay =
        extracted.refused().stream().anyMatch(r -> r.why() == RefusedUrl.Why.OWN_RELAY);
    return new MemberAnnouncement(extracted.relays(), maintainers, listsThisRelay);
  }
}
