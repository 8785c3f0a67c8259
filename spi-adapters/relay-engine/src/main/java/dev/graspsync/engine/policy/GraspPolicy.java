package dev.graspsync.engine.policy;

import dev.graspsync.engine.RelayUrls;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Nip34;
import dev.graspsync.nostr.message.MachinePrefix;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GRASP-01 acceptance: a repository announcement is hosted when it names this relay, or when
 * its author owns or maintains a repository hosted here under the same {@code d} (the owner's
 * update that drops this relay, a maintainer's own announcement listing other relays); its
 * state when the owner or a maintainer signs it; a user's GRASP server list (10317) as it is;
 * anything else when it is linked, either way, to something hosted here.
 *
 * <p>Maintainers are recursive without a walk: a maintainer's announcement is stored once an
 * announcement hosted here names its author, and then names further maintainers itself.
 */
public final class GraspPolicy implements AcceptancePolicy {
  private static final String REPO_REF_PREFIX = Nip34.REPO_ANNOUNCEMENT + ":";
  private static final List<String> ADDRESS_TAGS = List.of("a", "A", "q");
  private static final List<String> EVENT_TAGS = List.of("e", "E", "q");

  private final Set<String> ownRelays;
  private final String ownRelaysText;

  public GraspPolicy(List<String> ownRelayUrls) {
    this.ownRelays =
        ownRelayUrls.stream().map(RelayUrls::normalise).collect(Collectors.toUnmodifiableSet());
    this.ownRelaysText = String.join(", ", ownRelayUrls);
  }

  @Override
  public PolicyDecision decide(Event event, AcceptanceLookup lookup) {
    return switch (event.kind()) {
      case Nip34.REPO_ANNOUNCEMENT -> decideAnnouncement(event, lookup);
      case Nip34.REPO_STATE -> decideState(event, lookup);
      case Nip34.GRASP_SERVER_LIST -> PolicyDecision.ACCEPT;
      default -> decideLinked(event, lookup);
    };
  }

  private PolicyDecision decideAnnouncement(Event event, AcceptanceLookup lookup) {
    for (String url : event.tagValuesAll("relays")) {
      if (ownRelays.contains(RelayUrls.normalise(url))) {
        return PolicyDecision.ACCEPT;
      }
    }
    if (ownsOrMaintains(event.pubkey(), lookup.announcementsNamed(event.dTag()))) {
      return PolicyDecision.ACCEPT;
    }
    return new PolicyDecision.Refuse(
        MachinePrefix.BLOCKED.with(
            "repository announcement does not list this relay ("
                + ownRelaysText
                + ") in its relays tag, and its author owns or maintains no repository '"
                + event.dTag()
                + "' hosted here"));
  }

  /** Whether {@code pubkey} signed one of {@code announcements} or is in its maintainers tag. */
  private static boolean ownsOrMaintains(String pubkey, List<Event> announcements) {
    for (Event announcement : announcements) {
      if (announcement.pubkey().equals(pubkey)
          || announcement.tagValuesAll("maintainers").contains(pubkey)) {
        return true;
      }
    }
    return false;
  }

  private PolicyDecision decideState(Event event, AcceptanceLookup lookup) {
    String identifier = event.dTag();
    String signer = event.pubkey();
    if (lookup.hostsRepository(Nip34.repoRef(signer, identifier))) {
      return PolicyDecision.ACCEPT;
    }
    List<Event> announcements = lookup.announcementsNamed(identifier);
    if (announcements.isEmpty()) {
      return new PolicyDecision.Refuse(
          MachinePrefix.BLOCKED.with(
              "no repository announcement for '"
                  + identifier
                  + "' is hosted here; publish its kind 30617 announcement listing this relay first"));
    }
    if (ownsOrMaintains(signer, announcements)) {
      return PolicyDecision.ACCEPT;
    }
    return new PolicyDecision.Refuse(
        MachinePrefix.RESTRICTED.with(
            "repository state for '"
                + identifier
                + "' must be signed by the repository owner or a maintainer listed in its announcement; "
                + signer
                + " is neither"));
  }

  private PolicyDecision decideLinked(Event event, AcceptanceLookup lookup) {
    for (String name : ADDRESS_TAGS) {
      for (String value : event.tagValues(name)) {
        if (value.startsWith(REPO_REF_PREFIX) && lookup.hostsRepository(value)) {
          return PolicyDecision.ACCEPT;
        }
      }
    }
    for (String name : EVENT_TAGS) {
      for (String value : event.tagValues(name)) {
        if (looksLikeEventId(value) && lookup.isStored(value)) {
          return PolicyDecision.ACCEPT;
        }
      }
    }
    if (lookup.isReferencedByStored(event.id())) {
      return PolicyDecision.ACCEPT;
    }
    // an addressable event (a 30618 or 30617 has its own rule above) that something hosted
    // here points at by its coordinate
    if (event.address().map(lookup::isAddressReferencedByStored).orElse(false)) {
      return PolicyDecision.ACCEPT;
    }
    return new PolicyDecision.Refuse(
        MachinePrefix.BLOCKED.with("event does not reference a repository or event hosted here"));
  }

  private static boolean looksLikeEventId(String value) {
    if (value.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
