package dev.graspsync.sync.index;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Nip34;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A NIP-09 deletion request (kind 5) as the index reads it: the ids its {@code e} tags name
 * and the repository coordinates its {@code a} tags name that belong to its own author (a
 * deletion never removes someone else's announcement).
 */
public record Deletion(String eventId, String author, Set<String> eventIds, Set<RepoRef> repos) {
  public Deletion {
    eventIds = Set.copyOf(eventIds);
    repos = Set.copyOf(repos);
  }

  /** Empty for other kinds. */
  public static Optional<Deletion> of(Event event) {
    if (event.kind() != Nip34.DELETION) {
      return Optional.empty();
    }
    Set<String> ids = new LinkedHashSet<>(event.tagValues("e"));
    Set<RepoRef> repos = new LinkedHashSet<>();
    for (String value : event.tagValues("a")) {
      RepoRef.parse(value).filter(r -> r.owner().equals(event.pubkey())).ifPresent(repos::add);
    }
    return Optional.of(new Deletion(event.id(), event.pubkey(), ids, repos));
  }
}
