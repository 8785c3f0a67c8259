package dev.graspsync.sidecar.client;

import dev.graspsync.nostr.message.ClientMessage;
import dev.graspsync.nostr.message.MessageCodec;
import io.vertx.core.http.WebSocket;
import java.util.Optional;

/** Writes client messages to the socket, if there is one open. */
final class RelayWriter {
  private Optional<WebSocket> socket = Optional.empty();

  void attach(WebSocket ws) {
    socket = Optional.of(ws);
  }

  void detach() {
    socket = Optional.empty();
  }

  /** False when no socket is open: the caller keeps the message for the next connection. */
  boolean send(ClientMessage message) {
    if (socket.isEmpty()) {
      return false;
    }
    socket.get().writeTextMessage(MessageCodec.encode(message));
    return true;
  }

  /**
   * Whether the socket's outgoing buffer is full: the sender should wait for {@link
   * #onDrained} before sending more.
   */
  boolean full() {
    return socket.map(WebSocket::writeQueueFull).orElse(false);
  }

  void onDrained(Runnable then) {
    socket.ifPresentOrElse(ws -> ws.drainHandler(v -> then.run()), then);
  }
}
