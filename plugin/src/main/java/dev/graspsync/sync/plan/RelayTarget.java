package dev.graspsync.sync.plan;

import dev.graspsync.sync.relay.RelayUrl;

/**
 * What one relay should serve us: L1 always, plus every repository that lists it and every
 * root event of those repositories.
 *
 * @param bootstrap a configured bootstrap relay (kept connected even with no repository)
 */
public record RelayTarget(RelayUrl relay, boolean bootstrap, ItemSet items) {}
