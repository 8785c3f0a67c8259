package dev.graspsync.sync.session;

import dev.graspsync.nostr.message.ClientMessage;
import dev.graspsync.nostr.message.MessageCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a session writes, in the order it was sent. A REQ of many filters (a consolidated live
 * subscription fills the relay's message size, hundreds of kilobytes) is encoded on one worker
 * thread that every session shares ({@value #POOL}) instead of on the session's event loop;
 * whatever is sent after it waits behind it, so the relay sees the messages in order. Runs on
 * the session's context only.
 */
final class Outbox {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  /** REQs with more filters than this are encoded off the event loop. */
  static final int INLINE_FILTERS = 4;
  static final String POOL = "grasp-sync-encode";

  private final WorkerExecutor pool;
  private final Consumer<String> write;
  private final ArrayDeque<Future<String>> queue = new ArrayDeque<>();
  private boolean closed;

  Outbox(Vertx vertx, Consumer<String> write) {
    this.pool = vertx.createSharedWorkerExecutor(POOL, 1);
    this.write = write;
  }

  void send(ClientMessage message) {
    if (closed) {
      return;
    }
    boolean large = message instanceof ClientMessage.Req req && req.filters().size() > INLINE_FILTERS;
    if (!large && queue.isEmpty()) {
      write.accept(MessageCodec.encode(message));
      return;
    }
    Future<String> text = large
        ? pool.executeBlocking(() -> MessageCodec.encode(message), false)
        : Future.succeededFuture(MessageCodec.encode(message));
    queue.add(text);
    text.onComplete(ar -> drain());
  }

  /** Messages waiting behind an encoding (for status and tests). */
  int waiting() {
    return queue.size();
  }

  private void drain() {
    while (!closed && !queue.isEmpty() && queue.peek().isComplete()) {
      Future<String> head = queue.poll();
      if (head.succeeded()) {
        write.accept(head.result());
      } else {
        LOG.warn("a message could not be encoded and was not sent: {}", head.cause().toString());
      }
    }
  }

  /** The connection is gone: nothing more is written, and the session's hold on the pool ends. */
  void close() {
    if (!closed) {
      closed = true;
      queue.clear();
      pool.close();
    }
  }
}
