package dev.graspsync.host.wire;

import io.netty.buffer.ByteBuf;

/**
 * Server-to-client WebSocket frames (RFC 6455 section 5.2: unmasked, final, text) laid end to
 * end in one buffer, so that the messages a connection has waiting reach the kernel in one
 * write instead of one write and one flush each. The relay never fragments a message.
 */
public final class FrameBatch {
  private static final int FIN_TEXT = 0x81;
  /** permessage-deflate marks a compressed message with the first reserved bit (RFC 7692 section 6). */
  private static final int RSV1 = 0x40;

  private FrameBatch() {}

  /** The bytes a frame for this message takes: header and payload. */
  public static int frameLength(OutgoingMessage message) {
    int payload = message.payloadLength();
    return headerLength(payload) + payload;
  }

  static int headerLength(int payloadLength) {
    if (payloadLength < 126) {
      return 2;
    }
    return payloadLength <= 0xffff ? 4 : 10;
  }

  /** Appends the message as one frame after what {@code out} holds: consecutive calls lay frames end to end. */
  public static void writeFrame(OutgoingMessage message, ByteBuf out) {
    int payload = message.payloadLength();
    out.writeByte(message.deflated() ? FIN_TEXT | RSV1 : FIN_TEXT);
    if (payload < 126) {
      out.writeByte(payload);
    } else if (payload <= 0xffff) {
      out.writeByte(126);
      out.writeShort(payload);
    } else {
      out.writeByte(127);
      out.writeLong(payload);
    }
    out.writeBytes(message.first());
    out.writeBytes(message.second());
  }
}
