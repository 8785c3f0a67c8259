package dev.graspsync.sync.plan;

import dev.graspsync.sync.relay.RelayUrl;

/** New work for one relay: its targets minus what is pending, confirmed or parked there. */
public record PlanDiff(RelayUrl relay, ItemSet items) {}
