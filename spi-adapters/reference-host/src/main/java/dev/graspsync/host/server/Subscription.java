package dev.graspsync.host.server;

import dev.graspsync.host.wire.EventPrefix;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One REQ of one connection. It is filed in the live index from the start, so no event
 * accepted while stored events stream is missed: such events wait here and follow the EOSE
 * (an event also found by the stored query is sent once, with the stored ones).
 */
final class Subscription {
  /** Live events held while stored events stream; past this the subscription is closed. */
  static final int MAX_HELD = 1000;

  enum State { STORED, LIVE, CLOSED }

  private final ClientConnection connection;
  private final String id;
  private final List<Filter> filters;
  private final EventPrefix prefix;
  private final Map<String, Event> held = new LinkedHashMap<>();
  private State state = State.STORED;

  Subscription(ClientConnection connection, String id, List<Filter> filters) {
    this.connection = connection;
    this.id = id;
    this.filters = List.copyOf(filters);
    this.prefix = EventPrefix.of(id);
  }

  ClientConnection connection() {
    return connection;
  }

  String id() {
    return id;
  }

  /** The start of every EVENT message of this subscription, made once. */
  EventPrefix prefix() {
    return prefix;
  }

  List<Filter> filters() {
    return filters;
  }

  boolean isClosed() {
    return state == State.CLOSED;
  }

  boolean isLive() {
    return state == State.LIVE;
  }

  void close() {
    state = State.CLOSED;
    held.clear();
  }

  /** A stored event about to be sent: a held live copy of it is no longer needed. */
  void sentStored(Event event) {
    if (!held.isEmpty()) {
      held.remove(event.id());
    }
  }

  /** Holds a live event during the stored phase; false when the hold is full. */
  boolean hold(Event event) {
    if (held.size() >= MAX_HELD && !held.containsKey(event.id())) {
      return false;
    }
    held.put(event.id(), event);
    return true;
  }

  /** Switches to live after EOSE and returns the events held meanwhile, oldest first. */
  List<Event> goLive() {
    state = State.LIVE;
    List<Event> out = new ArrayList<>(held.values());
    held.clear();
    return out;
  }
}
