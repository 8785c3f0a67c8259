package dev.graspsync.sync.engine;

import dev.graspsync.sync.config.SyncConfig;
import dev.graspsync.sync.index.RepoIndex;
import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.plan.RelayTarget;
import dev.graspsync.sync.plan.RelayTargets;
import dev.graspsync.sync.relay.RelayUrl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which items each relay is to sync, derived from the repository index. Pure, over an
 * immutable index: any thread may call it.
 */
final class TargetDerivation {
  private final SyncConfig config;

  TargetDerivation(SyncConfig config) {
    this.config = config;
  }

  /** Every relay's targets, relays over {@code max-relays} set apart. */
  RelayTargets all(RepoIndex index) {
    return RelayTargets.derive(index, config.bootstrapRelays(), config.maxRelays());
  }

  /** The targets of {@code relays} only (the cap on relays is applied when they are handed out). */
  RelayTargets of(RepoIndex index, List<RelayUrl> relays) {
    Map<RelayUrl, RelayTarget> byRelay = new LinkedHashMap<>();
    for (RelayUrl relay : relays) {
      boolean bootstrap = config.bootstrapRelays().contains(relay);
      byRelay.put(relay, new RelayTarget(relay, bootstrap, of(index, relay)));
    }
    return new RelayTargets(byRelay, List.of());
  }

  /** A relay's full targets: none for our own URLs, nor for a relay no repository lists (unless bootstrap). */
  ItemSet of(RepoIndex index, RelayUrl relay) {
    if (!hasTargets(index, relay)) {
      return ItemSet.EMPTY;
    }
    return RelayTargets.deriveOne(index, relay, config.bootstrapRelays().contains(relay)).items();
  }

  /**
   * Whether {@link #of} is non-empty, without deriving it: cheap enough for the event loop
   * (a full derivation costs as much as the relay's share of the index).
   */
  boolean hasTargets(RepoIndex index, RelayUrl relay) {
    if (index.rules().ownUrls().contains(relay)) {
      return false;
    }
    return config.bootstrapRelays().contains(relay) || !index.reposOn(relay).isEmpty();
  }
}
