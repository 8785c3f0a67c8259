package dev.graspsync.sync.plan;

import dev.graspsync.sync.index.RepoRef;
import java.util.Optional;

/**
 * One unit of sync work on one relay: what moves from pending to confirmed when a batch
 * completes. {@link #key()} is a stable text form for storage.
 */
public sealed interface SyncItem {

  /** {@code L1}, {@code repo:30617:<pubkey>:<d>} or {@code root:<event id>}. */
  String key();

  /** Parses {@link #key()}; empty for anything else. */
  static Optional<SyncItem> parseKey(String key) {
    if (key.equals(Announcements.KEY)) {
      return Optional.of(Announcements.INSTANCE);
    }
    if (key.startsWith(RepoItem.PREFIX)) {
      return RepoRef.parse(key.substring(RepoItem.PREFIX.length())).map(RepoItem::new);
    }
    if (key.startsWith(RootItem.PREFIX) && key.length() > RootItem.PREFIX.length()) {
      return Optional.of(new RootItem(key.substring(RootItem.PREFIX.length())));
    }
    return Optional.empty();
  }

  /** The relay-wide L1 work: every announcement and GRASP server list it holds. */
  record Announcements() implements SyncItem {
    public static final Announcements INSTANCE = new Announcements();
    static final String KEY = "L1";

    @Override
    public String key() {
      return KEY;
    }
  }

  /** A repository: its state (30618) and everything tagging it (L2). */
  record RepoItem(RepoRef repo) implements SyncItem {
    static final String PREFIX = "repo:";

    @Override
    public String key() {
      return PREFIX + repo.format();
    }
  }

  /** A root event: everything tagging it (L3). */
  record RootItem(String eventId) implements SyncItem {
    static final String PREFIX = "root:";

    @Override
    public String key() {
      return PREFIX + eventId;
    }
  }
}
