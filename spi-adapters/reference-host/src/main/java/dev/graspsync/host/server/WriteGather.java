package dev.graspsync.host.server;

import dev.graspsync.host.metrics.WriteTally;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Gathers the writes of one event loop's connections so that each connection is flushed at
 * most once per loop turn: a message only marks its connection, and one task queued behind
 * whatever the loop already has to do writes every marked connection's waiting messages in one
 * buffer. When fan-out falls behind, the events queued meanwhile are all fanned out before
 * that task runs, so a connection gets them in one write. What the turn wrote is counted in
 * the loop's {@link WriteTally} and reported once per turn. Used on its event loop only.
 */
final class WriteGather {
  private final Context loop;
  private final WriteTally tally = new WriteTally();
  private final FrameScratch scratch = new FrameScratch();
  private final Consumer<WriteTally> report;
  private List<Outbound> marked = new ArrayList<>();
  private List<Runnable> afterFlush = new ArrayList<>();
  private boolean scheduled;

  WriteGather(Context loop, Consumer<WriteTally> report) {
    this.loop = loop;
    this.report = report;
  }

  /** The buffer this loop's connections frame their writes into. */
  FrameScratch scratch() {
    return scratch;
  }

  /** Frees the loop's buffer; when the server stops. */
  void release() {
    scratch.release();
  }

  /** Where this loop's connections count what they write; reported at the end of each flush. */
  WriteTally tally() {
    return tally;
  }

  /** The connection has messages waiting; they are written in this turn's flush. */
  void mark(Outbound connection) {
    marked.add(connection);
    schedule();
  }

  /** Runs once the writes marked so far have been handed to their sockets. */
  void afterFlush(Runnable action) {
    afterFlush.add(action);
    schedule();
  }

  private void schedule() {
    if (!scheduled) {
      scheduled = true;
      loop.runOnContext(v -> flush());
    }
  }

  private void flush() {
    scheduled = false;
    List<Outbound> connections = marked;
    List<Runnable> actions = afterFlush;
    marked = new ArrayList<>();
    afterFlush = new ArrayList<>();
    for (Outbound connection : connections) {
      connection.flush();
    }
    report.accept(tally);
    for (Runnable action : actions) {
      action.run();
    }
  }
}
