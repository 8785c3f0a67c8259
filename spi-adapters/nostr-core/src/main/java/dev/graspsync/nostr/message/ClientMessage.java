package dev.graspsync.nostr.message;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import java.util.List;

/** Messages a client sends to a relay (NIP-01, NIP-42, NIP-45, NIP-77). */
public sealed interface ClientMessage {

  /** {@code ["EVENT", event]}. */
  record Publish(Event event) implements ClientMessage {}

  /** {@code ["REQ", subId, filter...]}: at least one filter. */
  record Req(String subscriptionId, List<Filter> filters) implements ClientMessage {
    public Req {
      filters = List.copyOf(filters);
    }
  }

  /** {@code ["CLOSE", subId]}. */
  record Close(String subscriptionId) implements ClientMessage {}

  /** {@code ["COUNT", subId, filter...]}. */
  record Count(String subscriptionId, List<Filter> filters) implements ClientMessage {
    public Count {
      filters = List.copyOf(filters);
    }
  }

  /** {@code ["AUTH", signed kind-22242 event]}. */
  record Auth(Event event) implements ClientMessage {}

  /** {@code ["NEG-OPEN", subId, filter, initialMessageHex]}. */
  record NegOpen(String subscriptionId, Filter filter, String messageHex) implements ClientMessage {}

  /** {@code ["NEG-MSG", subId, messageHex]}. */
  record NegMsg(String subscriptionId, String messageHex) implements ClientMessage {}

  /** {@code ["NEG-CLOSE", subId]}. */
  record NegClose(String subscriptionId) implements ClientMessage {}
}
