package dev.graspsync.it.bench.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The proxies' subscription and EVENT counts are only as good as this frame walk. */
class WsFrameScannerTest {
  private static final byte[] HANDSHAKE = "GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  @Test
  void readsMaskedClientFramesWhateverTheChunking() {
    String req = "[\"REQ\",\"gs1a-7\",{\"#e\":[\"" + "ab".repeat(200) + "\"]}]";
    String close = "[\"CLOSE\",\"gs1a-7\"]";
    byte[] stream = concat(HANDSHAKE, frame(1, req, true), frame(9, "ping", true), frame(1, close, true));
    for (int cut = 1; cut < stream.length; cut++) {
      List<NostrFramePrefix> seen = scan(stream, cut);
      assertThat(seen).as("cut at %d", cut).extracting(NostrFramePrefix::type).containsExactly("REQ", "CLOSE");
      assertThat(seen).extracting(NostrFramePrefix::firstArgument)
          .containsExactly(Optional.of("gs1a-7"), Optional.of("gs1a-7"));
    }
  }

  @Test
  void readsUnmaskedRelayFramesOfEveryLengthEncoding() {
    String small = "[\"EOSE\",\"s\"]";
    String medium = "[\"EVENT\",\"s\",{\"content\":\"" + "x".repeat(1000) + "\"}]";
    String large = "[\"EVENT\",\"s\",{\"content\":\"" + "y".repeat(70_000) + "\"}]";
    byte[] stream = concat("HTTP/1.1 101 Switching Protocols\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
        frame(1, small, false), frame(1, medium, false), frame(1, large, false), frame(1, "[\"CLOSED\",\"s\",\"x\"]", false));
    assertThat(scan(stream, 4096)).extracting(NostrFramePrefix::type).containsExactly("EOSE", "EVENT", "EVENT", "CLOSED");
  }

  private static List<NostrFramePrefix> scan(byte[] stream, int chunk) {
    List<NostrFramePrefix> seen = new ArrayList<>();
    WsFrameScanner scanner = new WsFrameScanner((prefix, length) -> NostrFramePrefix.parse(prefix, length).ifPresent(seen::add));
    for (int i = 0; i < stream.length; i += chunk) {
      int end = Math.min(stream.length, i + chunk);
      byte[] part = new byte[end - i];
      System.arraycopy(stream, i, part, 0, part.length);
      scanner.feed(Buffer.buffer(part));
    }
    return seen;
  }

  /** One final frame: opcode, payload, masked with a fixed key as clients must. */
  private static byte[] frame(int opcode, String text, boolean masked) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x80 | opcode);
    int maskBit = masked ? 0x80 : 0;
    if (payload.length < 126) {
      out.write(maskBit | payload.length);
    } else if (payload.length < 65536) {
      out.write(maskBit | 126);
      out.write(payload.length >> 8);
      out.write(payload.length & 0xff);
    } else {
      out.write(maskBit | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) ((long) payload.length >> shift) & 0xff);
      }
    }
    byte[] key = {0x11, 0x22, 0x33, 0x44};
    if (masked) {
      out.writeBytes(key);
      for (int i = 0; i < payload.length; i++) {
        out.write(payload[i] ^ key[i & 3]);
      }
    } else {
      out.writeBytes(payload);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
