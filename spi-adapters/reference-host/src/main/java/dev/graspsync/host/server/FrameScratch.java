package dev.graspsync.host.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The buffer one event loop frames its gathered writes into. The kernel usually takes a write
 * whole while Netty's write call runs, after which the buffer is free again, so it is reused for
 * the next connection's batch instead of a buffer being allocated per write. When Netty still
 * holds it (that socket was full), it is left to Netty, which frees it once written, and the
 * next batch gets a new one. Used on its event loop only.
 */
final class FrameScratch {
  /** Batches up to this size are framed here; a larger one (a single big message) gets its own buffer. */
  static final int CAPACITY = Outbound.IN_SOCKET_BYTES;

  private ByteBuf kept;

  /** An empty buffer with room for {@code bytes}; hand it to {@link #toWrite} once framed. */
  ByteBuf forFrames(ByteBufAllocator allocator, int bytes) {
    if (bytes > CAPACITY) {
      return allocator.directBuffer(bytes, bytes);
    }
    if (kept == null) {
      kept = allocator.directBuffer(CAPACITY, CAPACITY);
    }
    return kept.clear();
  }

  /** What to give Netty for the framed buffer: a view of it that Netty releases when written. */
  ByteBuf toWrite(ByteBuf framed) {
    return framed == kept ? framed.retainedSlice() : framed;
  }

  /** After the write call returned: keeps the buffer only if Netty no longer holds a view of it. */
  void afterWrite(ByteBuf framed) {
    if (framed == kept && kept.refCnt() != 1) {
      kept.release();
      kept = null;
    }
  }

  void release() {
    if (kept != null) {
      kept.release();
      kept = null;
    }
  }
}
