package dev.graspsync.sync.session;

/**
 * What a {@link RelaySession} counts. {@link SessionMetrics} receives increments by these
 * names (a Micrometer adapter can map each to a counter tagged with the relay).
 */
public enum SessionCounter {
  /** Text messages read whole (oversize ones excluded). */
  MESSAGES_RECEIVED,
  /** Payload bytes of every data frame read, dropped ones included. */
  BYTES_RECEIVED,
  /** Well-formed EVENT messages, whatever happened to them next. */
  EVENTS_RECEIVED,
  /** Events handed to a subscription listener. */
  EVENTS_DELIVERED,
  /** Events on a subscription we never opened or already closed, or matching none of its filters. */
  DROPPED_UNASKED,
  /** Events whose id the subscription had already delivered. */
  DROPPED_DUPLICATE,
  /** Messages over {@code max-message-bytes}, dropped unparsed. */
  DROPPED_OVERSIZE,
  /** Frames that are not a well-formed relay message (bad JSON, wrong arity, binary). */
  MALFORMED,
  /** NOTICE messages. */
  NOTICES,
  /** CLOSED messages for subscriptions of this session. */
  CLOSED_BY_RELAY,
  /** Listener futures that failed (the event is not retried here). */
  SINK_FAILURES,
  /** Times reading was paused because listeners fell behind. */
  PAUSES
}
