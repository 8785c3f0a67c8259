package dev.graspsync.host.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The write side of one connection. Counts the bytes written but not yet flushed to the
 * socket, so stored-event streaming can wait for room ({@link #whenRoom}) and live fan-out can
 * tell a client that cannot keep up ({@link #overloaded}) from one that is merely busy. Used
 * on the connection's event loop only.
 */
final class Outbound {
  /** Stored-event paging waits while more than this is unflushed. */
  static final long ROOM_BYTES = 256 * 1024;
  /** Past this a live subscription is closed rather than let the backlog grow without bound. */
  static final long OVERLOAD_BYTES = 16L * 1024 * 1024;

  private final ServerWebSocket socket;
  private final Deque<Promise<Void>> waitingForRoom = new ArrayDeque<>();
  private long unflushed;
  private boolean closed;

  Outbound(ServerWebSocket socket) {
    this.socket = socket;
  }

  void send(String text) {
    if (closed) {
      return;
    }
    long size = RequestChecks.utf8Length(text);
    unflushed += size;
    socket.writeTextMessage(text).onComplete(ar -> {
      unflushed -= size;
      wakeWaiters();
    });
  }

  /** Completes once the backlog is below {@link #ROOM_BYTES}; fails if the socket closes first. */
  Future<Void> whenRoom() {
    if (closed) {
      return Future.failedFuture("connection closed");
    }
    if (unflushed < ROOM_BYTES) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    waitingForRoom.add(p);
    return p.future();
  }

  boolean overloaded() {
    return unflushed > OVERLOAD_BYTES;
  }

  void closed() {
    closed = true;
    while (!waitingForRoom.isEmpty()) {
      waitingForRoom.poll().tryFail("connection closed");
    }
  }

  private void wakeWaiters() {
    while (unflushed < ROOM_BYTES && !waitingForRoom.isEmpty()) {
      waitingForRoom.poll().tryComplete();
    }
  }
}
