package dev.graspsync.host.server;

import dev.graspsync.host.wire.EventPrefix;
import dev.graspsync.nostr.filter.Filter;
import java.util.ArrayList;
import java.util.List;

/**
 * One REQ of one connection. It is filed in the live index from the start, so no event
 * accepted while stored events stream is missed: such events wait here and follow the EOSE.
 *
 * <p>Each live event is sent once. The stored query reads one store snapshot, and a live event
 * carries its place in store order: one the snapshot held was the stored query's to send (it
 * did, if it matched within the limits), one the snapshot did not hold is sent live. This
 * holds whichever reaches the connection's loop first, the REQ or the event's fan-out.
 */
final class Subscription {
  /** Live events held while stored events stream; past this the subscription is closed. */
  static final int MAX_HELD = 1000;
  /** Before the stored query has taken its snapshot: every live event is held. */
  private static final long NO_SNAPSHOT = -1;

  enum State { STORED, LIVE, CLOSED }

  private final ClientConnection connection;
  private final String id;
  private final List<Filter> filters;
  private final EventPrefix prefix;
  private final List<LiveEvent> held = new ArrayList<>();
  private long snapshot = NO_SNAPSHOT;
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

  /** The stored query reads the store as of {@code sequence}: what it held is no longer live news. */
  void snapshotTaken(long sequence) {
    snapshot = sequence;
    held.removeIf(e -> e.inSnapshot(sequence));
  }

  /** Whether the stored query's snapshot held this event, so it is not to be sent live. */
  boolean storedQuerySaw(LiveEvent event) {
    return snapshot != NO_SNAPSHOT && event.inSnapshot(snapshot);
  }

  /** Holds a live event during the stored phase; false when the hold is full. */
  boolean hold(LiveEvent event) {
    if (held.size() >= MAX_HELD) {
      return false;
    }
    held.add(event);
    return true;
  }

  /** Switches to live after EOSE and returns the events held meanwhile, oldest first. */
  List<LiveEvent> goLive() {
    state = State.LIVE;
    List<LiveEvent> out = List.copyOf(held);
    held.clear();
    return out;
  }
}
