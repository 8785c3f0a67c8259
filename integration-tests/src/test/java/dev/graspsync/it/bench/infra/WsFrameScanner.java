package dev.graspsync.it.bench.infra;

import io.vertx.core.buffer.Buffer;

/**
 * Reads one direction of a WebSocket connection as it passes a proxy: skips the HTTP upgrade,
 * then walks frame headers and hands the first bytes of each text frame's payload (unmasked)
 * to a sink, without buffering payloads. Enough to tell {@code ["REQ","id",...]} from {@code
 * ["EVENT",...]}; frames of a fragmented message after the first are not reported.
 */
final class WsFrameScanner {
  /** Receives the start of every text frame. */
  interface Sink {
    void onText(byte[] prefix, int length);
  }

  static final int PREFIX_BYTES = 160;

  private enum Phase { HANDSHAKE, HEADER, PAYLOAD }

  private final Sink sink;
  private Phase phase = Phase.HANDSHAKE;
  private int handshakeMatch;
  private final byte[] header = new byte[14];
  private int headerFill;
  private int opcode;
  private long remaining;
  private boolean masked;
  private final byte[] mask = new byte[4];
  private long payloadOffset;
  private final byte[] prefix = new byte[PREFIX_BYTES];
  private int prefixFill;

  WsFrameScanner(Sink sink) {
    this.sink = sink;
  }

  void feed(Buffer data) {
    int n = data.length();
    int i = 0;
    while (i < n) {
      switch (phase) {
        case HANDSHAKE -> i = handshake(data, i, n);
        case HEADER -> i = header(data, i, n);
        case PAYLOAD -> i = payload(data, i, n);
        default -> throw new IllegalStateException();
      }
    }
  }

  private int handshake(Buffer data, int i, int n) {
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (i < n) {
      byte b = data.getByte(i++);
      handshakeMatch = b == end[handshakeMatch] ? handshakeMatch + 1 : (b == '\r' ? 1 : 0);
      if (handshakeMatch == 4) {
        phase = Phase.HEADER;
        headerFill = 0;
        return i;
      }
    }
    return i;
  }

  private int header(Buffer data, int i, int n) {
    while (i < n) {
      header[headerFill++] = data.getByte(i++);
      int needed = headerLength();
      if (headerFill >= 2 && headerFill == needed) {
        startPayload();
        return i;
      }
    }
    return i;
  }

  /** Header length once the first two bytes are known (2 until then). */
  private int headerLength() {
    if (headerFill < 2) {
      return 2;
    }
    int len7 = header[1] & 0x7f;
    int length = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0);
    return length + ((header[1] & 0x80) != 0 ? 4 : 0);
  }

  private void startPayload() {
    opcode = header[0] & 0x0f;
    masked = (header[1] & 0x80) != 0;
    int len7 = header[1] & 0x7f;
    int pos = 2;
    if (len7 == 126) {
      remaining = ((header[2] & 0xffL) << 8) | (header[3] & 0xffL);
      pos = 4;
    } else if (len7 == 127) {
      remaining = 0;
      for (int k = 0; k < 8; k++) {
        remaining = (remaining << 8) | (header[2 + k] & 0xffL);
      }
      pos = 10;
    } else {
      remaining = len7;
    }
    if (masked) {
      System.arraycopy(header, pos, mask, 0, 4);
    }
    payloadOffset = 0;
    prefixFill = 0;
    phase = Phase.PAYLOAD;
    if (remaining == 0) {
      endFrame();
    }
  }

  private int payload(Buffer data, int i, int n) {
    int take = (int) Math.min(remaining, n - i);
    if (opcode == 1) {
      for (int k = 0; k < take && prefixFill < PREFIX_BYTES; k++) {
        byte b = data.getByte(i + k);
        prefix[prefixFill++] = masked ? (byte) (b ^ mask[(int) ((payloadOffset + k) & 3)]) : b;
      }
    }
    payloadOffset += take;
    remaining -= take;
    if (remaining == 0) {
      endFrame();
    }
    return i + take;
  }

  private void endFrame() {
    if (opcode == 1) {
      sink.onText(prefix, prefixFill);
    }
    phase = Phase.HEADER;
    headerFill = 0;
  }
}
