package dev.graspsync.sync.index;

import dev.graspsync.nostr.event.Nip34;
import java.util.Objects;
import java.util.Optional;

/**
 * A repository address, {@code 30617:<owner pubkey>:<d>}: the value that {@code a}, {@code A}
 * and {@code q} tags carry. The identifier is everything after the second colon and may
 * itself contain colons; it may be empty (an announcement without a {@code d} tag).
 *
 * @param owner the announcing key, 64 lower-case hex characters
 * @param identifier the announcement's {@code d} tag
 */
public record RepoRef(String owner, String identifier) implements Comparable<RepoRef> {
  private static final String PREFIX = Nip34.REPO_ANNOUNCEMENT + ":";

  public RepoRef {
    Objects.requireNonNull(identifier, "identifier");
    if (!isPubkey(owner)) {
      throw new IllegalArgumentException("owner must be 64 lower-case hex characters: " + owner);
    }
  }

  /**
   * Parses {@code 30617:<pubkey>:<d>}; empty for any other address kind, or a pubkey that is
   * not 64 lower-case hex characters (tag filters match exactly, so an upper-case variant
   * would never match what clients write).
   */
  public static Optional<RepoRef> parse(String text) {
    if (!text.startsWith(PREFIX) || text.length() < PREFIX.length() + 65) {
      return Optional.empty();
    }
    String owner = text.substring(PREFIX.length(), PREFIX.length() + 64);
    if (text.charAt(PREFIX.length() + 64) != ':' || !isPubkey(owner)) {
      return Optional.empty();
    }
    return Optional.of(new RepoRef(owner, text.substring(PREFIX.length() + 65)));
  }

  /** Builds a ref when {@code owner} is a valid pubkey. */
  public static Optional<RepoRef> of(String owner, String identifier) {
    return isPubkey(owner) ? Optional.of(new RepoRef(owner, identifier)) : Optional.empty();
  }

  /** {@code 30617:<owner>:<d>}. */
  public String format() {
    return Nip34.repoRef(owner, identifier);
  }

  @Override
  public String toString() {
    return format();
  }

  @Override
  public int compareTo(RepoRef other) {
    int c = owner.compareTo(other.owner);
    return c != 0 ? c : identifier.compareTo(other.identifier);
  }

  static boolean isPubkey(String s) {
    if (s == null || s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
