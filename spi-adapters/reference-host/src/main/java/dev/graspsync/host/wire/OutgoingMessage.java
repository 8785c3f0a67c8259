package dev.graspsync.host.wire;

/**
 * One text message waiting to be written to a client: its payload as two parts (for an
 * EVENT, the subscription's prefix and the bytes every subscriber shares; otherwise the whole
 * message and nothing), not copied until it is written. The parts are never modified.
 *
 * @param deflated whether the payload is permessage-deflate compressed (the frame's RSV1 bit)
 */
public record OutgoingMessage(boolean deflated, byte[] first, byte[] second) {
  private static final byte[] NOTHING = new byte[0];

  public static OutgoingMessage whole(boolean deflated, byte[] payload) {
    return new OutgoingMessage(deflated, payload, NOTHING);
  }

  public int payloadLength() {
    return first.length + second.length;
  }
}
