package dev.graspsync.sync.session;

import dev.graspsync.nostr.event.Event;
import io.vertx.core.Future;

/**
 * Receives one subscription's events and its end, on the session's context.
 *
 * <p>Events arrive only if they came on this subscription while it was open, matched at least
 * one of its filters, and were not delivered before (by id). Their signatures are NOT checked
 * here: that is the host's ingest's job.
 */
public interface SubscriptionListener {

  /**
   * One event. The returned future completes when the event has been dealt with (stored,
   * rejected, whatever); until then it counts as in flight, and past {@code max-in-flight}
   * in-flight events the session stops reading from the socket. A failed future is counted
   * ({@link SessionCounter#SINK_FAILURES}) and treated as settled.
   */
  Future<?> onEvent(Event event);

  /** A live subscription reached EOSE: what follows is new. Not called for history. */
  default void onLive() {}

  /** The subscription's end, exactly once. See {@link SubscriptionOutcome}. */
  void onOutcome(SubscriptionOutcome outcome);
}
