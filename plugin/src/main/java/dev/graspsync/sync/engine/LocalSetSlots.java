package dev.graspsync.sync.engine;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reconciliations open at once across every relay, shared by every worker (they run on different
 * event loops, hence atomics). Each open reconciliation holds its packed local set, up to {@link
 * LocalSet#MAX_ITEMS} items; the per-connection cap alone let hundreds of relays hold their
 * announcement sets together (B4's 500 URLs filled a 256 MiB heap), so the host-wide count is
 * what bounds that memory. A waiter is resumed on its own context.
 */
final class LocalSetSlots {
  /** Open reconciliations across all relays at most. */
  static final int HOST_WIDE = 8;

  private final int limit;
  private final AtomicInteger open = new AtomicInteger();
  private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();

  LocalSetSlots(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    this.limit = limit;
  }

  static LocalSetSlots hostWide() {
    return new LocalSetSlots(HOST_WIDE);
  }

  /** Completes, on the caller's context, once a slot is set aside; give it back with {@link #release}. */
  Future<Void> acquire() {
    if (take()) {
      return Future.succeededFuture();
    }
    Context context = Vertx.currentContext();
    Promise<Void> promise = Promise.promise();
    waiters.add(new Waiter(context, promise));
    // a slot released between the failed take and the enqueue would otherwise wake nobody
    wake();
    return promise.future();
  }

  void release() {
    open.decrementAndGet();
    wake();
  }

  int open() {
    return open.get();
  }

  private void wake() {
    while (!waiters.isEmpty() && take()) {
      Waiter next = waiters.poll();
      if (next == null) {
        open.decrementAndGet();
        continue;
      }
      if (next.context == null) {
        next.promise.complete();
      } else {
        next.context.runOnContext(v -> next.promise.complete());
      }
    }
  }

  private boolean take() {
    while (true) {
      int now = open.get();
      if (now >= limit) {
        return false;
      }
      if (open.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  private record Waiter(Context context, Promise<Void> promise) {}
}
