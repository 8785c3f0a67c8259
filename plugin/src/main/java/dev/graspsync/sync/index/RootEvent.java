package dev.graspsync.sync.index;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Nip34;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A patch (1617), pull request (1618) or issue (1621): the events that replies, statuses and
 * comments point at. It joins EVERY repository its {@code a} tags name (a patch sent to a
 * fork and its upstream carries two); the reference kept only the first.
 *
 * @param repos never empty
 */
public record RootEvent(String id, int kind, Set<RepoRef> repos) {
  public RootEvent {
    repos = Set.copyOf(repos);
    if (repos.isEmpty()) {
      throw new IllegalArgumentException("a root event joins at least one repository");
    }
  }

  /** Empty when the event is not a root kind or names no repository in an {@code a} tag. */
  public static Optional<RootEvent> from(Event event) {
    if (!Nip34.ROOT_KINDS.contains(event.kind())) {
      return Optional.empty();
    }
    Set<RepoRef> repos = new LinkedHashSet<>();
    for (String value : event.tagValues("a")) {
      RepoRef.parse(value).ifPresent(repos::add);
    }
    return repos.isEmpty() ? Optional.empty() : Optional.of(new RootEvent(event.id(), event.kind(), repos));
  }
}
