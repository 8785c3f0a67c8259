package dev.graspsync.sync.session;

import dev.graspsync.sync.permit.PermitQueue;

/**
 * A cap on events handed to listeners and not yet settled, shared by many sessions on
 * different event loops, so that the memory a sync holds does not grow with the number of
 * relays (each session's own {@code max-in-flight} times 500 relays is 128,000 events).
 *
 * <p>A {@link PermitQueue}: a session takes a permit per event it hands over and gives it back
 * when the event settles. When none is left it queues a waiter, woken in turn once the count has
 * fallen to the low-water mark, with one permit already set aside for it (so a woken session
 * always makes progress), on its own context.
 */
public final class InFlightBudget {
  private final PermitQueue permits;

  /**
   * @param limit permits at most
   * @param resumeAt waiters are woken once the permits taken fall to this number
   * @throws IllegalArgumentException unless {@code 0 <= resumeAt < limit}
   */
  InFlightBudget(int limit, int resumeAt) {
    this.permits = new PermitQueue(limit, resumeAt);
  }

  /** A budget of {@code limit} events that wakes its waiters when half of them have settled. */
  public static InFlightBudget of(int limit) {
    return new InFlightBudget(limit, limit / 2);
  }

  /** A budget that never runs out: a session alone, bounded by its own {@code max-in-flight}. */
  public static InFlightBudget unlimited() {
    return new InFlightBudget(Integer.MAX_VALUE, Integer.MAX_VALUE - 1);
  }

  public int limit() {
    return permits.limit();
  }

  /** Permits taken now, by every session sharing the budget; any thread. */
  public int inFlight() {
    return permits.taken();
  }

  /** Sessions queued for a permit now; any thread. */
  public int waiting() {
    return permits.waiting();
  }

  boolean tryAcquire() {
    return permits.tryAcquire();
  }

  void release(int count) {
    permits.release(count);
  }

  void await(PermitQueue.Waiter waiter) {
    permits.await(waiter);
  }

  boolean leave(PermitQueue.Waiter waiter) {
    return permits.leave(waiter);
  }
}
