package dev.graspsync.sync.engine;

import dev.graspsync.nostr.event.Event;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Accepted events on their way into the coordinator's index, applied in batches: the events
 * that arrive while a batch waits its turn on the loop join it, up to {@value #MAX_BATCH}. A
 * new index version copies the repository set of every relay an announcement lists (the
 * index is an immutable value), so applying B4's 10,000 announcements one by one copied the
 * busiest URL's set of up to 2,733 repositories thousands of times; a batch copies it once.
 * The bound keeps a batch one short task: an announcement costs 1 to 2 ms to index on a
 * loaded host, and batches of 256 held the loop for 300 to 550 ms in B4.
 * Loop-confined: the coordinator's loop only.
 */
final class IndexIntake {
  static final int MAX_BATCH = 32;

  private final Context context;
  private final Consumer<List<Event>> apply;
  private final List<Event> arriving = new ArrayList<>();

  IndexIntake(Context context, Consumer<List<Event>> apply) {
    this.context = context;
    this.apply = apply;
  }

  void add(Event event) {
    arriving.add(event);
    if (arriving.size() >= MAX_BATCH) {
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

  /** Applies what waits now: before anything that must see the index up to date (a deletion). */
  void flush() {
    if (arriving.isEmpty()) {
      return;
    }
    List<Event> batch = List.copyOf(arriving);
    arriving.clear();
    apply.accept(batch);
  }
}
