package dev.graspsync.sync.loop;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a step for each item on an event loop, a bounded number per turn ({@link TurnSlices}):
 * the first turn at once, each next one queued behind whatever the loop has waiting. For bulk
 * work that must stay on the loop because it touches the loop's state (handing hundreds of
 * relays their targets, which deploys their workers and registers their meters), where one
 * long task would block the loop for the whole of it.
 */
public final class InTurns {
  private InTurns() {}

  /**
   * Must be called on {@code context}'s thread. The future completes on it once every step
   * ran; a step that throws fails it, and the steps after it do not run.
   */
  public static <T> Future<Void> forEach(Context context, List<T> items, int perTurn, Consumer<? super T> step) {
    List<T> copy = List.copyOf(items);
    Promise<Void> done = Promise.promise();
    next(context, copy, TurnSlices.of(copy.size(), perTurn).iterator(), step, done);
    return done.future();
  }

  private static <T> void next(Context context, List<T> items, Iterator<TurnSlices.Slice> slices,
      Consumer<? super T> step, Promise<Void> done) {
    if (!slices.hasNext()) {
      done.complete();
      return;
    }
    TurnSlices.Slice slice = slices.next();
    try {
      for (int i = slice.from(); i < slice.to(); i++) {
        step.accept(items.get(i));
      }
    } catch (RuntimeException e) {
      done.fail(e);
      return;
    }
    if (slices.hasNext()) {
      context.runOnContext(v -> next(context, items, slices, step, done));
    } else {
      done.complete();
    }
  }
}
