package dev.graspsync.sync.session;

import java.security.SecureRandom;

/**
 * Short subscription ids, unique within a session and unlikely to repeat across sessions (a
 * random tag), well under NIP-01's 64 characters: {@code gs<tag>-<counter>}, about 12 chars.
 */
final class SubscriptionIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String prefix;
  private long next;

  SubscriptionIds() {
    this("gs" + Long.toString(RANDOM.nextInt(36 * 36 * 36 * 36), 36) + "-");
  }

  SubscriptionIds(String prefix) {
    this.prefix = prefix;
  }

  String next() {
    return prefix + Long.toString(next++, 36);
  }
}
