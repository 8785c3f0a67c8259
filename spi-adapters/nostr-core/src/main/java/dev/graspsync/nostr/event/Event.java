package dev.graspsync.nostr.event;

import java.util.List;
import java.util.Optional;

/**
 * A signed Nostr event (NIP-01).
 *
 * <p>{@code json} is the exact text the event arrived as (or, for events built here, the
 * compact JSON written for it). Relays and the plugin forward {@code json} unchanged, so an
 * event passes through grasp-sync without a byte of it changing, whatever key order or
 * escaping its author used.
 *
 * <p>Construction through {@link #fromJson(String)} validates shape only (hex lengths,
 * ranges, types). Whether the id and signature are right is {@link
 * dev.graspsync.nostr.crypto.EventVerifier}'s question.
 */
public record Event(
    String id,
    String pubkey,
    long createdAt,
    int kind,
    List<List<String>> tags,
    String content,
    String sig,
    String json) {

  public Event {
    tags = Tags.immutableCopy(tags);
  }

  /** Parses one event object. Throws {@link EventFormatException} naming what is wrong. */
  public static Event fromJson(String json) {
    return EventJsonReader.read(json);
  }

  /** The compact JSON of this event as it arrived: forward this, never a re-serialisation. */
  public String toJson() {
    return json;
  }

  public KindClass kindClass() {
    return KindClass.of(kind);
  }

  /** Values (second element) of every tag whose first element is {@code name}, in order. */
  public List<String> tagValues(String name) {
    return Tags.values(tags, name);
  }

  /** Every element after the name, of every tag named {@code name} (a `relays` tag holds many URLs). */
  public List<String> tagValuesAll(String name) {
    return Tags.allValues(tags, name);
  }

  public Optional<String> firstTagValue(String name) {
    return Tags.first(tags, name);
  }

  /** The `d` tag value, "" when absent (NIP-01 addressable semantics). */
  public String dTag() {
    return firstTagValue("d").orElse("");
  }

  /**
   * {@code kind:pubkey:d} for addressable events, {@code kind:pubkey:} for replaceable ones;
   * empty for regular and ephemeral events.
   */
  public Optional<String> address() {
    return switch (kindClass()) {
      case ADDRESSABLE -> Optional.of(kind + ":" + pubkey + ":" + dTag());
      case REPLACEABLE -> Optional.of(kind + ":" + pubkey + ":");
      default -> Optional.empty();
    };
  }
}
