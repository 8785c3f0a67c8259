package dev.graspsync.sync.session;

import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * One-shot timers for the session's deadlines (EOSE, AUTH, connect). Tasks must run on the
 * context that scheduled them; {@link #vertx(Vertx)} does that when called on the session's
 * context. Tests may pass short deadlines or their own implementation.
 */
public interface Scheduler {

  /** Runs {@code task} once after {@code delay}; returns an id for {@link #cancel(long)}. */
  long schedule(Duration delay, Runnable task);

  /** Cancels a timer; unknown or already fired ids are ignored. */
  void cancel(long timerId);

  /** Vert.x timers: the task runs on the context that called {@link #schedule}. */
  static Scheduler vertx(Vertx vertx) {
    return new Scheduler() {
      @Override
      public long schedule(Duration delay, Runnable task) {
        return vertx.setTimer(Math.max(1, delay.toMillis()), id -> task.run());
      }

      @Override
      public void cancel(long timerId) {
        vertx.cancelTimer(timerId);
      }
    };
  }
}
