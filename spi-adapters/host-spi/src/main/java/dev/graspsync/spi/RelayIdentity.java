package dev.graspsync.spi;

import dev.graspsync.nostr.crypto.Keys;
import java.util.List;
import java.util.Optional;

/**
 * Who the host relay is: its public URL(s) (the first is the primary one; plugins must never
 * sync from any of them) and, optionally, the key it answers NIP-42 challenges with.
 */
public record RelayIdentity(List<String> urls, Optional<Keys> authKeys) {
  public RelayIdentity {
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("a relay identity needs at least one URL");
    }
    urls = List.copyOf(urls);
  }
}
