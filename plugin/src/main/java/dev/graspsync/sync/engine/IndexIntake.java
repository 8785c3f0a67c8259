package dev.graspsync.sync.engine;

import dev.graspsync.nostr.event.Event;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Accepted events on their way into the coordinator's index, applied in batches: the events
 * that arrive while a batch waits its turn on the loop join it. A new index version copies
 * what the batch changes of the repository set of every relay an announcement lists (the
 * index is an immutable value), so applying B4's 10,000 announcements one by one made
 * thousands of versions; a batch makes one.
 *
 * <p>A batch is time-boxed: it holds at most {@value #MAX_BATCH} events, and fewer when the
 * last batch took long per event, so that one batch takes about {@link #TARGET_NANOS} of the
 * loop. An announcement costs tens of microseconds of CPU once the code is compiled, but at
 * start-up, with the JIT still warming and the CPU shared with ingest and every relay
 * session, B4 saw a batch of 32 hold the loop for over 100 ms; a young GC pause on top of that
 * made a blocked-loop warning. Loop-confined: the coordinator's loop only.
 */
final class IndexIntake {
  static final int MAX_BATCH = 32;
  /** How long one batch should hold the loop. */
  static final long TARGET_NANOS = 10_000_000L;

  private final Context context;
  private final Consumer<List<Event>> apply;
  private final LongSupplier nanoTime;
  private final List<Event> arriving = new ArrayList<>();
  private int limit = MAX_BATCH;

  IndexIntake(Context context, Consumer<List<Event>> apply) {
    this(context, apply, System::nanoTime);
  }

  /** With the clock that times each batch (tests). */
  IndexIntake(Context context, Consumer<List<Event>> apply, LongSupplier nanoTime) {
    this.context = context;
    this.apply = apply;
    this.nanoTime = nanoTime;
  }

  void add(Event event) {
    arriving.add(event);
    if (arriving.size() >= limit) {
      flush();
    } else if (arriving.size() == 1) {
      // queued behind the offers already waiting, which join this batch
      context.runOnContext(v -> flush());
    }
  }

  /** Events gathered for the next batch (read by the metrics: an estimate from another thread). */
  int waiting() {
    return arriving.size();
  }

  /** The most events the next batch takes. */
  int limit() {
    return limit;
  }

  /** Applies what waits now: before anything that must see the index up to date (a deletion). */
  void flush() {
    if (arriving.isEmpty()) {
      return;
    }
    List<Event> batch = List.copyOf(arriving);
    arriving.clear();
    long start = nanoTime.getAsLong();
    try {
      apply.accept(batch);
    } finally {
      limit = nextLimit(batch.size(), nanoTime.getAsLong() - start);
    }
  }

  /**
   * The next batch's size: as many events as fit {@link #TARGET_NANOS} at the last batch's
   * cost per event, between 1 and {@value #MAX_BATCH}.
   */
  static int nextLimit(int lastSize, long lastNanos) {
    if (lastNanos <= 0) {
      return MAX_BATCH;
    }
    long fit = TARGET_NANOS * lastSize / lastNanos;
    return (int) Math.max(1, Math.min(MAX_BATCH, fit));
  }
}
