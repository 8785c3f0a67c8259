package dev.graspsync.sync.session;

import dev.graspsync.nostr.event.Event;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to subscription listeners under the session's own in-flight cap and the
 * host-wide {@link InFlightBudget}, and pauses reading from the socket while either is reached.
 *
 * <p>An event that gets no permit from the budget is held, and so is every relay message about
 * subscriptions that arrives after it (in practice none: reading pauses at once), so a
 * subscription never ends before an event the relay sent ahead of its EOSE or CLOSED is handed
 * over. When the budget wakes the session, on its context, the held messages are handled in
 * the order they came. Runs on the session's context only.
 */
final class Deliveries {
  private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

  private sealed interface Held permits Waiting, Later {}

  /** An event accepted for its subscription, waiting for a permit. */
  private record Waiting(OpenSubscription sub, Event event) implements Held {}

  /** A relay message that came after a waiting event. */
  private record Later(Runnable message) implements Held {}

  private final Context context;
  private final Thread owner;
  private final Subscriptions.Wire wire;
  private final CounterSet counters;
  private final Consumer<OpenSubscription> onSettled;
  private final InFlightGate gate;
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private boolean draining;
  private boolean readingPaused;
  private boolean closed;

  /** @param onSettled called after each event settles, with its subscription */
  Deliveries(
      Context context,
      Thread owner,
      Subscriptions.Wire wire,
      SessionConfig config,
      InFlightBudget budget,
      CounterSet counters,
      Consumer<OpenSubscription> onSettled) {
    this.context = context;
    this.owner = owner;
    this.wire = wire;
    this.counters = counters;
    this.onSettled = onSettled;
    this.gate = new InFlightGate(config.maxInFlight(), config.resumeBelow(), budget, context, this::drain);
  }

  /** Events are waiting for the budget: a relay message must wait behind them ({@link #later}). */
  boolean holding() {
    return !draining && !held.isEmpty();
  }

  /** Handles {@code message} once the events held before it are handed over. */
  void later(Runnable message) {
    if (!closed) {
      held.add(new Later(message));
    }
  }

  /** Hands {@code event} to its subscription's listener now, or holds it until a permit comes. */
  void deliver(OpenSubscription sub, Event event) {
    if (closed) {
      return;
    }
    if (!gate.tryAcquire()) {
      // first in line: while draining, it stands for the held message being handled
      held.addFirst(new Waiting(sub, event));
      updateReading();
      return;
    }
    updateReading();
    handOver(sub, event);
  }

  /**
   * The connection is closing or gone: nothing more is handed over, held messages are dropped,
   * the budget gets its permits back, and a paused socket reads again (and drops what it reads)
   * so that the close handshake is not stuck behind unread data.
   */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    held.clear();
    gate.close();
    updateReading();
  }

  /** Reading is paused: listeners are behind, or the host-wide budget is spent. */
  boolean readingPaused() {
    return readingPaused;
  }

  int inFlight() {
    return gate.inFlight();
  }

  int maxInFlightSeen() {
    return gate.maxSeen();
  }

  /** The budget has a permit for this session again. */
  private void drain() {
    draining = true;
    try {
      while (!held.isEmpty() && !closed) {
        Held next = held.peekFirst();
        if (next instanceof Waiting w) {
          if (w.sub().ended()) {
            // we ended the subscription meanwhile (cancelled); its outcome is told already
            held.pollFirst();
            counters.increment(SessionCounter.DROPPED_UNASKED);
            continue;
          }
          if (!gate.tryAcquire()) {
            break;
          }
          held.pollFirst();
          handOver(w.sub(), w.event());
        } else if (next instanceof Later l) {
          held.pollFirst();
          l.message().run();
        }
      }
    } finally {
      draining = false;
    }
    updateReading();
  }

  private void handOver(OpenSubscription sub, Event event) {
    sub.deliveredCount++;
    counters.increment(SessionCounter.EVENTS_DELIVERED);
    sub.inFlight++;
    Future<?> handled;
    try {
      handled = sub.listener.onEvent(event);
    } catch (RuntimeException e) {
      handled = Future.failedFuture(e);
    }
    if (handled == null) {
      handled = Future.failedFuture("listener returned no future");
    }
    handled.onComplete(
        ar -> {
          if (Thread.currentThread() == owner) {
            settle(sub, ar.failed() ? ar.cause() : null);
          } else {
            context.runOnContext(v -> settle(sub, ar.failed() ? ar.cause() : null));
          }
        });
  }

  private void settle(OpenSubscription sub, Throwable failure) {
    sub.inFlight--;
    if (failure != null) {
      counters.increment(SessionCounter.SINK_FAILURES);
      LOG.debug("event handling failed on subscription {}", sub.id, failure);
    }
    gate.release();
    updateReading();
    onSettled.accept(sub);
  }

  private void updateReading() {
    boolean pause = !closed && (gate.paused() || !held.isEmpty());
    if (pause == readingPaused) {
      return;
    }
    readingPaused = pause;
    if (pause) {
      counters.increment(SessionCounter.PAUSES);
      wire.pause();
    } else if (wire.isOpen()) {
      wire.resume();
    }
  }
}
