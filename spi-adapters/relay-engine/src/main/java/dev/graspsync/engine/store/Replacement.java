package dev.graspsync.engine.store;

/** NIP-01: of two versions at one replaceable/addressable address, the newer wins; a tie goes to the lower id. */
public final class Replacement {
  private Replacement() {}

  /** Whether the incoming version replaces the stored one. Ids are lower-case hex. */
  public static boolean supersedes(
      long incomingCreatedAt, String incomingId, long storedCreatedAt, String storedId) {
    if (incomingCreatedAt != storedCreatedAt) {
      return incomingCreatedAt > storedCreatedAt;
    }
    return incomingId.compareTo(storedId) < 0;
  }
}
