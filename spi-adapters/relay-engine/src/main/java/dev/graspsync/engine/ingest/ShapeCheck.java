package dev.graspsync.engine.ingest;

import dev.graspsync.engine.store.IndexKeys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.message.MachinePrefix;
import java.util.Optional;

/**
 * Cheap structural limits checked before any hashing: an event built in code has not been
 * through the json reader's checks, and an oversized tag list must not cost a signature check.
 */
public final class ShapeCheck {
  private static final int MAX_KIND = 65535;

  private ShapeCheck() {}

  /** The {@code invalid:} reason, or empty when the event's shape is acceptable. */
  public static Optional<String> problem(Event event, int maxTags) {
    if (event.tags().size() > maxTags) {
      return invalid("too many tags (" + event.tags().size() + " > " + maxTags + ")");
    }
    if (!IndexKeys.isHex(event.id(), 32)) {
      return invalid("id must be 64 lower-case hex characters");
    }
    if (!IndexKeys.isHex(event.pubkey(), 32)) {
      return invalid("pubkey must be 64 lower-case hex characters");
    }
    if (!IndexKeys.isHex(event.sig(), 64)) {
      return invalid("sig must be 128 lower-case hex characters");
    }
    if (event.kind() < 0 || event.kind() > MAX_KIND) {
      return invalid("kind must be between 0 and " + MAX_KIND);
    }
    return Optional.empty();
  }

  private static Optional<String> invalid(String reason) {
    return Optional.of(MachinePrefix.INVALID.with(reason));
  }
}
