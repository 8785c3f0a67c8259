package dev.graspsync.host.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames are read back the way a client parses them (RFC 6455 section 5.2). */
class FrameBatchTest {
  private record Frame(boolean fin, boolean rsv1, int opcode, boolean masked, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private static List<Frame> read(ByteBuf in) {
    List<Frame> frames = new ArrayList<>();
    while (in.isReadable()) {
      int b0 = in.readUnsignedByte();
      int b1 = in.readUnsignedByte();
      long length = b1 & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = new byte[(int) length];
      in.readBytes(payload);
      frames.add(new Frame((b0 & 0x80) != 0, (b0 & 0x40) != 0, b0 & 0x0f, (b1 & 0x80) != 0, payload));
    }
    return frames;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static ByteBuf encode(List<OutgoingMessage> messages) {
    ByteBuf out = Unpooled.buffer();
    for (OutgoingMessage m : messages) {
      FrameBatch.writeFrame(m, out);
    }
    return out;
  }

  @Test
  void severalMessagesBecomeConsecutiveFinalUnmaskedTextFramesInOrder() {
    List<OutgoingMessage> messages = List.of(
        new OutgoingMessage(false, utf8("[\"EVENT\",\"a\","), utf8("{\"id\":\"1\"}]")),
        OutgoingMessage.whole(false, utf8("[\"EOSE\",\"a\"]")),
        new OutgoingMessage(false, utf8("[\"EVENT\",\"b\","), utf8("{\"id\":\"2\"}]")));

    List<Frame> frames = read(encode(messages));

    assertThat(frames).extracting(Frame::text)
        .containsExactly("[\"EVENT\",\"a\",{\"id\":\"1\"}]", "[\"EOSE\",\"a\"]", "[\"EVENT\",\"b\",{\"id\":\"2\"}]");
    assertThat(frames).allSatisfy(f -> {
      assertThat(f.fin()).isTrue();
      assertThat(f.opcode()).isEqualTo(1);
      assertThat(f.masked()).isFalse();
    });
  }

  @Test
  void onlyCompressedMessagesCarryTheFirstReservedBit() {
    List<Frame> frames = read(encode(List.of(
        OutgoingMessage.whole(true, new byte[] {1, 2, 3}),
        OutgoingMessage.whole(false, utf8("[]")))));

    assertThat(frames).extracting(Frame::rsv1).containsExactly(true, false);
  }

  @Test
  void eachLengthFormIsUsedAtItsBoundaries() {
    for (int size : new int[] {0, 125, 126, 65_535, 65_536, 200_000}) {
      byte[] payload = new byte[size];
      if (size > 0) {
        payload[size - 1] = 7;
      }
      OutgoingMessage message = new OutgoingMessage(false, payload, new byte[] {9});
      ByteBuf out = encode(List.of(message));

      assertThat(out.readableBytes()).isEqualTo(FrameBatch.frameLength(message));
      Frame frame = read(out).get(0);
      assertThat(frame.payload()).hasSize(size + 1);
      assertThat(frame.payload()[size]).isEqualTo((byte) 9);
      if (size > 0) {
        assertThat(frame.payload()[size - 1]).isEqualTo((byte) 7);
      }
    }
  }

  @Test
  void theBatchLengthIsWhatIsWritten() {
    List<OutgoingMessage> messages = List.of(
        OutgoingMessage.whole(false, new byte[100]),
        OutgoingMessage.whole(true, new byte[1000]),
        OutgoingMessage.whole(false, new byte[70_000]));

    int frameLengths = messages.stream().mapToInt(FrameBatch::frameLength).sum();
    assertThat(encode(messages).readableBytes()).isEqualTo(frameLengths)
        .isEqualTo(100 + 2 + 1000 + 4 + 70_000 + 10);
  }
}
