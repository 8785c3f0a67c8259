package dev.graspsync.engine.store;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.KindClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a NIP-09 deletion request (kind 5) may delete: the ids in its {@code e} tags, and the
 * addresses in its {@code a} tags that belong to its own author. Whether an {@code e} target
 * belongs to the author is known only once the target is at hand.
 */
public record DeletionRequest(String author, long createdAt, List<String> eventIds, List<Address> addresses) {

  public static final int KIND = 5;

  /** A replaceable or addressable address, {@code kind:pubkey:d}. */
  public record Address(int kind, String pubkey, String d) {}

  public DeletionRequest {
    eventIds = List.copyOf(eventIds);
    addresses = List.copyOf(addresses);
  }

  public static DeletionRequest of(Event deletion) {
    List<String> ids = new ArrayList<>();
    for (String value : deletion.tagValues("e")) {
      if (IndexKeys.isHex(value, 32)) {
        ids.add(value);
      }
    }
    List<Address> addresses = new ArrayList<>();
    for (String value : deletion.tagValues("a")) {
      parseAddress(value)
          .filter(a -> a.pubkey().equals(deletion.pubkey()))
          .ifPresent(addresses::add);
    }
    return new DeletionRequest(deletion.pubkey(), deletion.createdAt(), ids, addresses);
  }

  /** Whether this request deletes {@code target}: same author, and never another deletion request. */
  public boolean deletes(String targetPubkey, int targetKind) {
    return targetPubkey.equals(author) && targetKind != KIND;
  }

  static Optional<Address> parseAddress(String value) {
    String[] parts = value.split(":", 3);
    if (parts.length != 3 || !IndexKeys.isHex(parts[1], 32)) {
      return Optional.empty();
    }
    int kind;
    try {
      kind = Integer.parseInt(parts[0]);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    KindClass kindClass = KindClass.of(kind);
    if (kind < 0 || (kindClass != KindClass.ADDRESSABLE && kindClass != KindClass.REPLACEABLE)) {
      return Optional.empty();
    }
    String d = kindClass == KindClass.REPLACEABLE ? "" : parts[2];
    return Optional.of(new Address(kind, parts[1], d));
  }
}
