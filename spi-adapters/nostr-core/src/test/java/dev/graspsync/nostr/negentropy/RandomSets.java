package dev.graspsync.nostr.negentropy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Two seeded item sets for reconciliation tests: a shared part plus items only on either side.
 * Timestamps are drawn from a small range when {@code sharedTimestamps} so that many items tie.
 */
record RandomSets(List<Item> initiator, List<Item> responder, List<Item> onlyInitiator, List<Item> onlyResponder) {

  record Item(long createdAt, byte[] id) {
    String idHex() {
      return dev.graspsync.nostr.event.Hex.encode(id);
    }
  }

  static RandomSets generate(long seed, int shared, int onlyInitiator, int onlyResponder, boolean sharedTimestamps) {
    Random random = new Random(seed);
    List<Item> both = items(random, shared, sharedTimestamps);
    List<Item> mine = items(random, onlyInitiator, sharedTimestamps);
    List<Item> theirs = items(random, onlyResponder, sharedTimestamps);
    List<Item> initiator = new ArrayList<>(both);
    initiator.addAll(mine);
    List<Item> responder = new ArrayList<>(both);
    responder.addAll(theirs);
    return new RandomSets(initiator, responder, mine, theirs);
  }

  private static List<Item> items(Random random, int count, boolean sharedTimestamps) {
    List<Item> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] id = new byte[32];
      random.nextBytes(id);
      long at = sharedTimestamps ? 1_700_000_000L + random.nextInt(8) : 1_600_000_000L + random.nextInt(100_000_000);
      out.add(new Item(at, id));
    }
    return out;
  }

  static PackedStorage storage(List<Item> items) {
    PackedStorageBuilder builder = PackedStorage.builder(items.size());
    for (Item item : items) {
      builder.add(item.createdAt(), item.id());
    }
    return builder.seal();
  }
}
