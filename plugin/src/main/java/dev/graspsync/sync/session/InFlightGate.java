package dev.graspsync.sync.session;

import dev.graspsync.sync.permit.PermitQueue;
import io.vertx.core.Context;

/**
 * One session's events handed to listeners and not yet settled, charged both to the session's
 * own cap and to the {@link InFlightBudget} it shares with other sessions.
 *
 * <p>Reading pauses while the own count is at the high-water mark (until it falls to the low
 * one) or while the session waits for the shared budget. The own cap only pauses: the event
 * that reaches it is still handed over. The shared budget refuses: an event that gets no
 * permit waits (the caller holds it) until the budget wakes this gate, on the session's
 * context, and {@code onRoom} hands it over. Runs on the session's context only.
 */
final class InFlightGate {
  private final int pauseAt;
  private final int resumeAt;
  private final InFlightBudget budget;
  private final Runnable onRoom;
  private final PermitQueue.Waiter waiter;
  private int inFlight;
  private int maxSeen;
  /** Permits this session holds for handed-over events; zero after {@link #close}. */
  private int charged;
  /** A permit the budget set aside for this session and that no event has used yet. */
  private int spare;
  private boolean full;
  private boolean waiting;
  private boolean closed;

  /**
   * @param onRoom runs on {@code context} when the budget has a permit for this session again;
   *     it should hand over the held events ({@link #tryAcquire} then succeeds at least once)
   */
  InFlightGate(int pauseAt, int resumeAt, InFlightBudget budget, Context context, Runnable onRoom) {
    this.pauseAt = pauseAt;
    this.resumeAt = resumeAt;
    this.budget = budget;
    this.onRoom = onRoom;
    this.waiter = new PermitQueue.Waiter(context, this::onPermit);
  }

  /**
   * A permit for one event about to be handed over. False when the shared budget has none (or
   * the gate is closed): the gate then waits for one and calls {@code onRoom} when it comes.
   */
  boolean tryAcquire() {
    if (closed) {
      return false;
    }
    if (spare > 0) {
      spare--;
    } else if (!budget.tryAcquire()) {
      if (!waiting) {
        waiting = true;
        budget.await(waiter);
      }
      return false;
    }
    charged++;
    inFlight++;
    maxSeen = Math.max(maxSeen, inFlight);
    if (inFlight >= pauseAt) {
      full = true;
    }
    return true;
  }

  /** One handed-over event settled: its permit goes back (unless {@link #close} gave it back). */
  void release() {
    inFlight--;
    if (charged > 0) {
      charged--;
      budget.release(1);
    }
    if (full && inFlight <= resumeAt) {
      full = false;
    }
  }

  /**
   * The connection is gone: every permit this session holds goes back to the budget now, and it
   * leaves the budget's queue. Events still being handled settle later without the budget
   * waiting for them, so a listener that never completes cannot shrink it for everyone.
   */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (waiting && budget.leave(waiter)) {
      waiting = false;
    }
    budget.release(charged + spare);
    charged = 0;
    spare = 0;
  }

  /** Reading must stay paused: own cap reached, or waiting for the shared budget. */
  boolean paused() {
    return full || waiting;
  }

  int inFlight() {
    return inFlight;
  }

  int maxSeen() {
    return maxSeen;
  }

  private void onPermit() {
    if (closed) {
      // woken after it left: the permit set aside for it goes back
      budget.release(1);
      return;
    }
    waiting = false;
    spare++;
    onRoom.run();
    if (spare > 0 && !waiting) {
      // nothing was waiting for it after all (the held event's subscription ended)
      spare--;
      budget.release(1);
    }
  }
}
