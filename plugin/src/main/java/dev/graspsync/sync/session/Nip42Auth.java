package dev.graspsync.sync.session;

import dev.graspsync.nostr.crypto.AuthEvents;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.message.ClientMessage;
import dev.graspsync.nostr.message.RelayMessage;
import java.time.Clock;
import java.util.Optional;

/**
 * NIP-42 state of one connection: the last challenge, the AUTH event we sent for it, and the
 * relay's verdict. Without keys it only remembers challenges.
 */
final class Nip42Auth {
  enum State { NO_CHALLENGE, CHALLENGED, SENT, ACCEPTED, REFUSED }

  private final Optional<Keys> keys;
  private final Clock clock;
  private final String relayUrl;
  private State state = State.NO_CHALLENGE;
  private String challenge = "";
  private String sentEventId = "";
  private String lastMessage = "";

  Nip42Auth(Optional<Keys> keys, Clock clock, String relayUrl) {
    this.keys = keys;
    this.clock = clock;
    this.relayUrl = relayUrl;
  }

  boolean hasKeys() {
    return keys.isPresent();
  }

  State state() {
    return state;
  }

  /** The relay's last word on our AUTH, or "" before any. */
  String lastMessage() {
    return lastMessage;
  }

  /** A challenge arrived: the AUTH message to send, when we have keys. */
  Optional<ClientMessage.Auth> onChallenge(String newChallenge) {
    challenge = newChallenge;
    if (keys.isEmpty()) {
      state = State.CHALLENGED;
      return Optional.empty();
    }
    Event event = authEvent(keys.get(), relayUrl, newChallenge, clock.instant().getEpochSecond());
    sentEventId = event.id();
    state = State.SENT;
    return Optional.of(new ClientMessage.Auth(event));
  }

  /** An OK arrived: the result when it answers our AUTH event, else empty. */
  Optional<AuthResult> onOk(RelayMessage.Ok ok) {
    if (state != State.SENT || !ok.eventId().equals(sentEventId)) {
      return Optional.empty();
    }
    state = ok.accepted() ? State.ACCEPTED : State.REFUSED;
    lastMessage = ok.message();
    return Optional.of(new AuthResult(challenge, ok.accepted(), ok.message()));
  }

  /** The kind-22242 event answering {@code challenge} (NIP-42). */
  static Event authEvent(Keys keys, String relayUrl, String challenge, long createdAt) {
    return AuthEvents.create(challenge, relayUrl, keys, createdAt);
  }
}
