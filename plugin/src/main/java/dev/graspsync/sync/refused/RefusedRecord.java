package dev.graspsync.sync.refused;

import java.util.Optional;

/**
 * One remembered refusal.
 *
 * @param id the refused event's id
 * @param identifier its {@code d} tag: an announcement of that identifier may make it acceptable
 * @param expiresAt unix seconds after which it is fetched and judged again
 * @param event what a filter sees of the event, for a reconciliation to count it among the ids
 *     it has; absent for a refusal persisted before it was kept (such an id is only skipped)
 */
public record RefusedRecord(String id, String identifier, long expiresAt, Optional<RefusedEvent> event) {

  /** A refusal known by id alone. */
  public RefusedRecord(String id, String identifier, long expiresAt) {
    this(id, identifier, expiresAt, Optional.empty());
  }
}
