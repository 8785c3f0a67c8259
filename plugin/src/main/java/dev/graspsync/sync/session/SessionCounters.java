package dev.graspsync.sync.session;

import java.util.EnumMap;
import java.util.Map;

/** An immutable snapshot of a session's counters (see {@link SessionCounter}). */
public record SessionCounters(
    long messagesReceived,
    long bytesReceived,
    long eventsReceived,
    long eventsDelivered,
    long droppedUnasked,
    long droppedDuplicate,
    long droppedOversize,
    long malformed,
    long notices,
    long closedByRelay,
    long sinkFailures,
    long pauses) {

  static SessionCounters of(long[] values) {
    return new SessionCounters(
        values[SessionCounter.MESSAGES_RECEIVED.ordinal()],
        values[SessionCounter.BYTES_RECEIVED.ordinal()],
        values[SessionCounter.EVENTS_RECEIVED.ordinal()],
        values[SessionCounter.EVENTS_DELIVERED.ordinal()],
        values[SessionCounter.DROPPED_UNASKED.ordinal()],
        values[SessionCounter.DROPPED_DUPLICATE.ordinal()],
        values[SessionCounter.DROPPED_OVERSIZE.ordinal()],
        values[SessionCounter.MALFORMED.ordinal()],
        values[SessionCounter.NOTICES.ordinal()],
        values[SessionCounter.CLOSED_BY_RELAY.ordinal()],
        values[SessionCounter.SINK_FAILURES.ordinal()],
        values[SessionCounter.PAUSES.ordinal()]);
  }

  /** The same numbers keyed by counter, for generic export. */
  public Map<SessionCounter, Long> asMap() {
    Map<SessionCounter, Long> map = new EnumMap<>(SessionCounter.class);
    map.put(SessionCounter.MESSAGES_RECEIVED, messagesReceived);
    map.put(SessionCounter.BYTES_RECEIVED, bytesReceived);
    map.put(SessionCounter.EVENTS_RECEIVED, eventsReceived);
    map.put(SessionCounter.EVENTS_DELIVERED, eventsDelivered);
    map.put(SessionCounter.DROPPED_UNASKED, droppedUnasked);
    map.put(SessionCounter.DROPPED_DUPLICATE, droppedDuplicate);
    map.put(SessionCounter.DROPPED_OVERSIZE, droppedOversize);
    map.put(SessionCounter.MALFORMED, malformed);
    map.put(SessionCounter.NOTICES, notices);
    map.put(SessionCounter.CLOSED_BY_RELAY, closedByRelay);
    map.put(SessionCounter.SINK_FAILURES, sinkFailures);
    map.put(SessionCounter.PAUSES, pauses);
    return Map.copyOf(map);
  }
}
