package dev.graspsync.sync.session;

import io.vertx.core.Context;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cap on events handed to listeners and not yet settled, shared by many sessions on
 * different event loops, so that the memory a sync holds does not grow with the number of
 * relays (each session's own {@code max-in-flight} times 500 relays is 128,000 events).
 *
 * <p>Lock-free: a counter and a queue. A session takes a permit per event it hands over and
 * gives it back when the event settles. When none is left it queues a {@link Waiter}; waiters
 * are woken in the order they queued, once the count has fallen to the low-water mark, each
 * with one permit already set aside for it (so a woken session always makes progress) and on
 * its own context. While anyone waits, permits are not given to sessions that did not queue:
 * a busy session cannot keep a queued one from ever running.
 */
public final class InFlightBudget {
  private final int limit;
  private final int resumeAt;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();

  /**
   * @param limit permits at most
   * @param resumeAt waiters are woken once the permits taken fall to this number
   * @throws IllegalArgumentException unless {@code 0 <= resumeAt < limit}
   */
  InFlightBudget(int limit, int resumeAt) {
    if (limit < 1 || resumeAt < 0 || resumeAt >= limit) {
      throw new IllegalArgumentException(
          "an in-flight budget needs 0 <= resume-at (" + resumeAt + ") < limit (" + limit + ")");
    }
    this.limit = limit;
    this.resumeAt = resumeAt;
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
    return limit;
  }

  /** Permits taken now, by every session sharing the budget; any thread. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Sessions queued for a permit now (counts the queue: for tests and diagnostics). */
  int waiting() {
    return waiters.size();
  }

  /** One permit, when one is free and nobody is queued for it. */
  boolean tryAcquire() {
    return waiters.isEmpty() && take();
  }

  /** Gives back {@code permits}; waiters are woken when the count falls to the low-water mark. */
  void release(int permits) {
    if (permits <= 0) {
      return;
    }
    if (inFlight.addAndGet(-permits) <= resumeAt) {
      wake();
    }
  }

  /**
   * Queues {@code waiter}. Its callback runs once, on its context, holding one permit taken
   * for it; the callback's owner gives it back like any other. A waiter is queued once at a time.
   */
  void await(Waiter waiter) {
    waiters.add(waiter);
    // a release that found the queue empty just before the add would otherwise wake nobody
    if (inFlight.get() <= resumeAt) {
      wake();
    }
  }

  /** Takes {@code waiter} out of the queue; false when it was not queued (or already woken). */
  boolean leave(Waiter waiter) {
    return waiters.remove(waiter);
  }

  private void wake() {
    while (!waiters.isEmpty() && take()) {
      Waiter next = waiters.poll();
      if (next == null) {
        // another thread woke the last one; the loop looks again in case someone queued since
        inFlight.decrementAndGet();
        continue;
      }
      next.context.runOnContext(v -> next.onPermit.run());
    }
  }

  private boolean take() {
    while (true) {
      int now = inFlight.get();
      if (now >= limit) {
        return false;
      }
      if (inFlight.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /** A place in the queue: where to run, and what to run once a permit is set aside. */
  static final class Waiter {
    private final Context context;
    private final Runnable onPermit;

    Waiter(Context context, Runnable onPermit) {
      this.context = Objects.requireNonNull(context);
      this.onPermit = Objects.requireNonNull(onPermit);
    }
  }
}
