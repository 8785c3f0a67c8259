package dev.graspsync.sync.refused;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Nip34;
import dev.graspsync.spi.IngestVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which refusals are worth remembering. Announcements (30617) and states (30618) are what
 * every full sync fetches again in bulk only to be refused again: the L1 filter brings every
 * announcement a relay holds, and the state filter every state sharing an identifier. Both
 * become acceptable only through an announcement of the same identifier (the repository
 * arrives, or names their author as a maintainer), which is what invalidates them.
 *
 * <p>Only policy refusals ({@code blocked:}, {@code restricted:}) count: the host gives them
 * after checking the event's id and signature, so the id stands for this very content, and
 * a relay cannot poison the memory with a forged copy of someone else's event (that is
 * {@code invalid:}). Store failures ({@code error:}) and everything else are never remembered.
 */
public final class RefusalRule {
  private RefusalRule() {}

  public static Optional<RefusedRecord> remember(Event event, IngestVerdict verdict, Instant now, Duration ttl) {
    if (ttl.isZero() || !(verdict instanceof IngestVerdict.Rejected rejected)) {
      return Optional.empty();
    }
    if (event.kind() != Nip34.REPO_ANNOUNCEMENT && event.kind() != Nip34.REPO_STATE) {
      return Optional.empty();
    }
    String reason = rejected.reason();
    if (!reason.startsWith("blocked:") && !reason.startsWith("restricted:")) {
      return Optional.empty();
    }
    return Optional.of(new RefusedRecord(event.id(), event.dTag(), now.plus(ttl).getEpochSecond(),
        Optional.of(new RefusedEvent(event.kind(), event.pubkey(), event.createdAt()))));
  }

  public static boolean expired(RefusedRecord record, Instant now) {
    return record.expiresAt() <= now.getEpochSecond();
  }
}
