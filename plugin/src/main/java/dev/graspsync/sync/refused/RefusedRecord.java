package dev.graspsync.sync.refused;

/**
 * One remembered refusal.
 *
 * @param id the refused event's id
 * @param identifier its {@code d} tag: an announcement of that identifier may make it acceptable
 * @param expiresAt unix seconds after which it is fetched and judged again
 */
public record RefusedRecord(String id, String identifier, long expiresAt) {}
