package dev.graspsync.engine.policy;

import dev.graspsync.engine.AcceptancePolicyKind;
import dev.graspsync.nostr.event.Event;
import java.util.List;

/**
 * Decides whether a valid event (id and signature already checked) may be stored here. Pure:
 * everything it knows about the store comes through the {@link AcceptanceLookup}.
 */
public sealed interface AcceptancePolicy permits GraspPolicy, OpenPolicy {

  PolicyDecision decide(Event event, AcceptanceLookup lookup);

  static AcceptancePolicy of(AcceptancePolicyKind kind, List<String> ownRelayUrls) {
    return switch (kind) {
      case GRASP -> new GraspPolicy(ownRelayUrls);
      case OPEN -> new OpenPolicy();
    };
  }
}
