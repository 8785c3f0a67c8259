package dev.graspsync.sync.session;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import java.nio.charset.StandardCharsets;

/**
 * Joins data frames into messages, holding at most {@code maxMessageBytes}: once a message
 * grows past the limit its bytes are thrown away as they come and the message is reported as
 * oversize when its last frame arrives. Vert.x's own aggregation raises an exception instead,
 * and without aggregation a big message would have to be held whole.
 */
final class FrameAssembler {

  sealed interface Assembled {}

  /** The frame continues a message (or is a control frame). */
  record Partial() implements Assembled {}

  record Text(String text) implements Assembled {}

  record Oversize(long bytes) implements Assembled {}

  /** Nostr speaks text; a binary message is malformed. */
  record Binary(long bytes) implements Assembled {}

  private static final Partial PARTIAL = new Partial();

  private final int maxMessageBytes;
  private Buffer pending = Buffer.buffer();
  private long size;
  private boolean inMessage;
  private boolean binary;

  FrameAssembler(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  Assembled accept(WebSocketFrame frame) {
    switch (frame.type()) {
      case TEXT, BINARY -> {
        // a new message; a half-read one before it (a protocol violation) is forgotten
        reset();
        if (frame.isFinal() && frame.type() == WebSocketFrameType.TEXT
            && frame.binaryData().length() <= maxMessageBytes) {
          // the common case, a message in one frame: decoded from the frame, not copied first
          return new Text(frame.binaryData().toString(StandardCharsets.UTF_8));
        }
        inMessage = true;
        binary = frame.type() == WebSocketFrameType.BINARY;
        append(frame.binaryData());
      }
      case CONTINUATION -> {
        if (!inMessage) {
          return PARTIAL;
        }
        append(frame.binaryData());
      }
      default -> {
        return PARTIAL;
      }
    }
    if (!frame.isFinal()) {
      return PARTIAL;
    }
    Assembled result;
    if (size > maxMessageBytes) {
      result = new Oversize(size);
    } else if (binary) {
      result = new Binary(size);
    } else {
      result = new Text(pending.toString(StandardCharsets.UTF_8));
    }
    reset();
    return result;
  }

  private void append(Buffer data) {
    size += data.length();
    if (size <= maxMessageBytes && !binary) {
      pending.appendBuffer(data);
    } else if (pending.length() > 0) {
      pending = Buffer.buffer();
    }
  }

  private void reset() {
    if (pending.length() > 0) {
      pending = Buffer.buffer();
    }
    size = 0;
    inMessage = false;
    binary = false;
  }
}
