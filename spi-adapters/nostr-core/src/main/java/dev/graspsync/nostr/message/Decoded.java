package dev.graspsync.nostr.message;

import java.util.Optional;

/**
 * The result of decoding one WebSocket text frame. Decoding never throws: malformed input
 * becomes {@link Malformed} with a reason a person can act on, and the subscription id when
 * one could be read (so a relay can answer CLOSED instead of NOTICE).
 */
public sealed interface Decoded<T> {

  record Ok<T>(T message) implements Decoded<T> {}

  record Malformed<T>(String reason, Optional<String> subscriptionId) implements Decoded<T> {
    public Malformed(String reason) {
      this(reason, Optional.empty());
    }
  }
}
