package dev.graspsync.sync.permit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host-wide count of permits with a FIFO queue of waiters, shared by workers on different
 * event loops (hence a counter and a lock-free queue, no locks). It bounds what grows with the
 * number of relays: events in flight, open reconciliations, relays syncing history at once.
 *
 * <p>Waiters are woken in the order they queued, once the permits taken have fallen to the
 * low-water mark ({@code resumeAt}), each with one permit already set aside for it, on its own
 * context. While anyone waits, {@link #tryAcquire} gives nothing to callers that did not queue,
 * so a busy caller cannot keep a queued one from ever running.
 */
public final class PermitQueue {
  private final int limit;
  private final int resumeAt;
  private final AtomicInteger taken = new AtomicInteger();
  private final AtomicInteger queued = new AtomicInteger();
  private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();

  /**
   * @param limit permits at most
   * @param resumeAt waiters are woken once the permits taken fall to this number
   * @throws IllegalArgumentException unless {@code 1 <= limit} and {@code 0 <= resumeAt < limit}
   */
  public PermitQueue(int limit, int resumeAt) {
    if (limit < 1 || resumeAt < 0 || resumeAt >= limit) {
      throw new IllegalArgumentException(
          "a permit queue needs 0 <= resume-at (" + resumeAt + ") < limit (" + limit + ")");
    }
    this.limit = limit;
    this.resumeAt = resumeAt;
  }

  /** {@code limit} slots: a waiter is woken as soon as one is given back. */
  public static PermitQueue slots(int limit) {
    return new PermitQueue(limit, limit - 1);
  }

  public int limit() {
    return limit;
  }

  /** Permits taken now; any thread. */
  public int taken() {
    return taken.get();
  }

  /** Waiters queued now; any thread. */
  public int waiting() {
    return Math.max(0, queued.get());
  }

  /** One permit, when one is free and nobody is queued for it. */
  public boolean tryAcquire() {
    return waiters.isEmpty() && take();
  }

  /**
   * One permit, now or once the caller's turn comes. Completes on the caller's Vert.x context
   * (inline on the releasing thread when called off any context); give it back with {@link
   * #release}.
   */
  public Future<Void> acquire() {
    if (tryAcquire()) {
      return Future.succeededFuture();
    }
    Promise<Void> promise = Promise.promise();
    Context context = Vertx.currentContext();
    Executor where = context == null ? Runnable::run : r -> context.runOnContext(v -> r.run());
    await(new Waiter(where, promise::complete));
    return promise.future();
  }

  /** Gives back {@code permits}; waiters are woken when the count falls to the low-water mark. */
  public void release(int permits) {
    if (permits <= 0) {
      return;
    }
    if (taken.addAndGet(-permits) <= resumeAt) {
      wake();
    }
  }

  public void release() {
    release(1);
  }

  /**
   * Queues {@code waiter}. Its callback runs once, on its context, holding one permit taken
   * for it, which its owner gives back like any other. A waiter is queued once at a time.
   */
  public void await(Waiter waiter) {
    queued.incrementAndGet();
    waiters.add(waiter);
    // a release that found the queue empty just before the add would otherwise wake nobody
    if (taken.get() <= resumeAt) {
      wake();
    }
  }

  /** Takes {@code waiter} out of the queue; false when it was not queued (or already woken). */
  public boolean leave(Waiter waiter) {
    boolean removed = waiters.remove(waiter);
    if (removed) {
      queued.decrementAndGet();
    }
    return removed;
  }

  private void wake() {
    while (!waiters.isEmpty() && take()) {
      Waiter next = waiters.poll();
      if (next == null) {
        // another thread woke the last one; the loop looks again in case someone queued since
        taken.decrementAndGet();
        continue;
      }
      queued.decrementAndGet();
      next.where.execute(next.onPermit);
    }
  }

  private boolean take() {
    while (true) {
      int now = taken.get();
      if (now >= limit) {
        return false;
      }
      if (taken.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /** A place in the queue: where to run, and what to run once a permit is set aside. */
  public static final class Waiter {
    private final Executor where;
    private final Runnable onPermit;

    public Waiter(Context context, Runnable onPermit) {
      this(runOn(context), onPermit);
    }

    private Waiter(Executor where, Runnable onPermit) {
      this.where = where;
      this.onPermit = Objects.requireNonNull(onPermit);
    }

    private static Executor runOn(Context context) {
      Objects.requireNonNull(context);
      return r -> context.runOnContext(v -> r.run());
    }
  }
}
