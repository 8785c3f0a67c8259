package dev.graspsync.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.event.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GRASP-01 decisions alone, over an in-memory list of stored events. */
class GraspPolicyTest {
  private static final String OWNER = "a".repeat(64);
  private static final String MAINTAINER = "b".repeat(64);
  private static final String STRANGER = "c".repeat(64);
  private static final String REPO = "30617:" + OWNER + ":repo";

  private final GraspPolicy policy = new GraspPolicy(List.of("wss://relay.test"));
  private final List<Event> stored = new ArrayList<>();
  private final AcceptanceLookup lookup =
      new AcceptanceLookup() {
        @Override
        public boolean hostsRepository(String repoRef) {
          return stored.stream()
              .anyMatch(e -> e.kind() == 30617 && e.address().orElse("").equals(repoRef));
        }

        @Override
        public List<Event> announcementsNamed(String identifier) {
          return stored.stream()
              .filter(e -> e.kind() == 30617 && e.dTag().equals(identifier))
              .toList();
        }

        @Override
        public boolean isStored(String eventId) {
          return stored.stream().anyMatch(e -> e.id().equals(eventId));
        }

        @Override
        public boolean isReferencedByStored(String eventId) {
          return taggedByStored(eventId, "e", "E", "q");
        }

        @Override
        public boolean isAddressReferencedByStored(String address) {
          return taggedByStored(address, "a", "A", "q");
        }
      };

  private boolean taggedByStored(String value, String... names) {
    return stored.stream().anyMatch(e -> List.of(names).stream().anyMatch(n -> e.tagValues(n).contains(value)));
  }

  private static int counter;

  private static Event event(String pubkey, int kind, List<List<String>> tags) {
    String id = String.format("%064x", ++counter);
    return new Event(id, pubkey, 1_700_000_000L, kind, tags, "", "0".repeat(128), "{}");
  }

  private Event announcement(String owner, String d, String... relays) {
    List<String> relaysTag = new ArrayList<>(List.of("relays"));
    relaysTag.addAll(List.of(relays));
    return event(
        owner, 30617, List.of(List.of("d", d), relaysTag, List.of("maintainers", MAINTAINER)));
  }

  @Test
  void announcementListingThisRelayInAnySpellingIsAccepted() {
    Event listed = announcement(OWNER, "repo", "wss://other.example", "WSS://Relay.Test:443/");
    assertThat(policy.decide(listed, lookup).accepted()).isTrue();
  }

  @Test
  void announcementNotListingThisRelayIsBlockedNamingTheRelay() {
    Event elsewhere = announcement(OWNER, "repo", "wss://other.example");
    PolicyDecision decision = policy.decide(elsewhere, lookup);
    assertThat(decision)
        .isEqualTo(
            new PolicyDecision.Refuse(
                "blocked: repository announcement does not list this relay (wss://relay.test) in its"
                    + " relays tag, and its author owns or maintains no repository 'repo' hosted here"));
  }

  @Test
  void maintainersAnnouncementListingOtherRelaysIsAcceptedOnceTheOwnersNamesThem() {
    Event maintainers = announcement(MAINTAINER, "repo", "wss://elsewhere.example");
    assertThat(policy.decide(maintainers, lookup).accepted()).as("before the owner's").isFalse();
    stored.add(announcement(OWNER, "repo", "wss://relay.test"));
    assertThat(policy.decide(maintainers, lookup).accepted()).isTrue();
  }

  @Test
  void maintainersAreRecursiveThroughStoredMaintainerAnnouncements() {
    stored.add(announcement(OWNER, "repo", "wss://relay.test"));
    Event byMaintainer = event(MAINTAINER, 30617,
        List.of(List.of("d", "repo"), List.of("relays", "wss://m.example"), List.of("maintainers", STRANGER)));
    assertThat(policy.decide(byMaintainer, lookup).accepted()).isTrue();
    Event bySecondLevel = announcement(STRANGER, "repo", "wss://s.example");
    assertThat(policy.decide(bySecondLevel, lookup).accepted()).as("before the maintainer's").isFalse();
    stored.add(byMaintainer);
    assertThat(policy.decide(bySecondLevel, lookup).accepted()).isTrue();
    Event stateBySecondLevel = event(STRANGER, 30618, List.of(List.of("d", "repo")));
    assertThat(policy.decide(stateBySecondLevel, lookup).accepted()).isTrue();
  }

  @Test
  void ownersUpdateDroppingThisRelayIsAccepted() {
    stored.add(announcement(OWNER, "repo", "wss://relay.test"));
    Event update = announcement(OWNER, "repo", "wss://other.example");
    assertThat(policy.decide(update, lookup).accepted()).isTrue();
  }

  @Test
  void maintainerOfAnotherIdentifierIsNotEnough() {
    stored.add(announcement(OWNER, "repo", "wss://relay.test"));
    Event otherName = announcement(MAINTAINER, "other", "wss://elsewhere.example");
    assertThat(policy.decide(otherName, lookup).accepted()).isFalse();
  }

  @Test
  void graspServerListIsAcceptedAsItIs() {
    Event serverList = event(STRANGER, 10317, List.of(List.of("g", "wss://grasp.example")));
    assertThat(policy.decide(serverList, lookup).accepted()).isTrue();
  }

  @Test
  void addressableEventTaggedByAStoredEventThroughItsCoordinateIsAccepted() {
    stored.add(announcement(OWNER, "repo", "wss://relay.test"));
    Event article = event(STRANGER, 30023, List.of(List.of("d", "notes")));
    String coordinate = "30023:" + STRANGER + ":notes";
    assertThat(policy.decide(article, lookup).accepted()).as("not referenced yet").isFalse();
    for (String name : List.of("a", "A", "q")) {
      stored.removeIf(e -> e.kind() == 1111);
      stored.add(event(STRANGER, 1111, List.of(List.of("a", REPO), List.of(name, coordinate))));
      assertThat(policy.decide(article, lookup).accepted()).as(name).isTrue();
    }
  }

  @Test
  void announcementReferencedByCoordinateStillNeedsItsOwnRule() {
    stored.add(announcement(OWNER, "repo", "wss://relay.test"));
    stored.add(event(STRANGER, 1621, List.of(List.of("a", REPO), List.of("a", "30617:" + STRANGER + ":x"))));
    Event strangers = announcement(STRANGER, "x", "wss://elsewhere.example");
    assertThat(policy.decide(strangers, lookup).accepted()).isFalse();
  }

  @Test
  void stateOfHostedRepoSignedByOwnerOrMaintainerIsAccepted() {
    stored.add(announcement(OWNER, "repo", "wss://relay.test"));
    Event byOwner = event(OWNER, 30618, List.of(List.of("d", "repo")));
    Event byMaintainer = event(MAINTAINER, 30618, List.of(List.of("d", "repo")));
    assertThat(policy.decide(byOwner, lookup).accepted()).isTrue();
    assertThat(policy.decide(byMaintainer, lookup).accepted()).isTrue();
  }

  @Test
  void stateSignedBySomeoneElseIsRestricted() {
    stored.add(announcement(OWNER, "repo", "wss://relay.test"));
    Event byStranger = event(STRANGER, 30618, List.of(List.of("d", "repo")));
    PolicyDecision decision = policy.decide(byStranger, lookup);
    assertThat(decision).isInstanceOf(PolicyDecision.Refuse.class);
    assertThat(((PolicyDecision.Refuse) decision).reason())
        .startsWith("restricted: ")
        .contains("owner or a maintainer")
        .contains(STRANGER);
  }

  @Test
  void stateOfRepoNotHostedIsBlocked() {
    Event state = event(OWNER, 30618, List.of(List.of("d", "unknown")));
    PolicyDecision decision = policy.decide(state, lookup);
    assertThat(((PolicyDecision.Refuse) decision).reason())
        .startsWith("blocked: ")
        .contains("'unknown'")
        .contains("announcement");
  }

  @Test
  void eventTaggingHostedRepoWithA_A_orQIsAccepted() {
    stored.add(announcement(OWNER, "repo", "wss://relay.test"));
    for (String name : List.of("a", "A", "q")) {
      Event issue = event(STRANGER, 1621, List.of(List.of(name, REPO)));
      assertThat(policy.decide(issue, lookup).accepted()).as(name).isTrue();
    }
  }

  @Test
  void eventTaggingRepoNotHostedIsBlocked() {
    Event issue = event(STRANGER, 1621, List.of(List.of("a", REPO)));
    assertThat(policy.decide(issue, lookup))
        .isEqualTo(
            new PolicyDecision.Refuse(
                "blocked: event does not reference a repository or event hosted here"));
  }

  @Test
  void eventTaggingStoredEventWithE_E_orQIsAccepted() {
    Event root = event(STRANGER, 1621, List.of(List.of("a", REPO)));
    stored.add(root);
    for (String name : List.of("e", "E", "q")) {
      Event reply = event(STRANGER, 1111, List.of(List.of(name, root.id())));
      assertThat(policy.decide(reply, lookup).accepted()).as(name).isTrue();
    }
  }

  @Test
  void eventTaggedByStoredEventIsAccepted() {
    Event early = event(STRANGER, 1111, List.of(List.of("E", String.format("%064x", 999_999))));
    stored.add(early);
    Event root = new Event(String.format("%064x", 999_999), OWNER, 1, 1621, List.of(), "", "0".repeat(128), "{}");
    assertThat(policy.decide(root, lookup).accepted()).isTrue();
  }

  @Test
  void unrelatedEventIsBlocked() {
    Event note = event(STRANGER, 1, List.of(List.of("p", OWNER)));
    assertThat(policy.decide(note, lookup).accepted()).isFalse();
  }

  @Test
  void openPolicyAcceptsAnything() {
    Event note = event(STRANGER, 1, List.of());
    assertThat(new OpenPolicy().decide(note, lookup).accepted()).isTrue();
  }
}
