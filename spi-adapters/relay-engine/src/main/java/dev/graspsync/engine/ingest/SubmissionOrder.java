package dev.graspsync.engine.ingest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Keeps the writer submissions of one Vert.x context in the order the events were handed
 * in, while their signatures are checked in parallel: a reply sent right behind its root
 * must not be judged before the root is stored. State lives in the context's data, touched
 * only on that context.
 */
final class SubmissionOrder {
  private final Object key = new Object();

  /** A turn: wait for {@code previous}, submit, then call {@link #done}. */
  record Turn(Future<Void> previous, Promise<Void> mine) {
    void done() {
      mine.tryComplete();
    }
  }

  /** Takes the next turn on {@code context}; callers off any context get an unordered turn. */
  Turn next(Context context, boolean onContext) {
    Promise<Void> mine = Promise.promise();
    if (!onContext) {
      return new Turn(Future.succeededFuture(), mine);
    }
    Future<Void> last = context.get(key);
    context.put(key, mine.future());
    return new Turn(last != null ? last : Future.succeededFuture(), mine);
  }
}
