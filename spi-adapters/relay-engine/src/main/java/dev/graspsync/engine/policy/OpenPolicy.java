package dev.graspsync.engine.policy;

import dev.graspsync.nostr.event.Event;

/** Accepts every valid event. */
public final class OpenPolicy implements AcceptancePolicy {
  @Override
  public PolicyDecision decide(Event event, AcceptanceLookup lookup) {
    return PolicyDecision.ACCEPT;
  }
}
