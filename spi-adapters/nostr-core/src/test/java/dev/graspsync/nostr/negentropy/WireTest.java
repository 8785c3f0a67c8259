package dev.graspsync.nostr.negentropy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graspsync.nostr.event.Hex;
import org.junit.jupiter.api.Test;

class WireTest {

  @Test
  void varintsAreBase128MostSignificantGroupFirst() {
    assertThat(varint(0)).isEqualTo("00");
    assertThat(varint(127)).isEqualTo("7f");
    assertThat(varint(128)).isEqualTo("8100");
    assertThat(varint(16_384)).isEqualTo("818000");
    assertThat(varint(-1L)).isEqualTo("81ffffffffffffffff7f");
  }

  @Test
  void varintsRoundTrip() {
    for (long v : new long[] {0, 1, 127, 128, 255, 300, 1_700_000_000L, Long.MAX_VALUE, -1L}) {
      WireWriter out = new WireWriter(4);
      out.writeVarint(v);
      assertThat(new WireReader(out.toByteArray()).readVarint()).isEqualTo(v);
    }
  }

  @Test
  void boundTimestampsAreDeltasPlusOneAndZeroIsInfinity() {
    WireWriter out = new WireWriter(4);
    out.writeBound(Bound.ofTimestamp(1000));
    out.writeBound(new Bound(1005, new byte[] {(byte) 0xab}));
    out.writeBound(Bound.INFINITY);
    // 1000 + 1 = 0x3e9 -> 87 69; 5 + 1 -> 06; infinity -> 00
    assertThat(Hex.encode(out.toByteArray())).isEqualTo("876900" + "0601ab" + "0000");

    WireReader in = new WireReader(out.toByteArray());
    assertThat(in.readBound()).isEqualTo(Bound.ofTimestamp(1000));
    assertThat(in.readBound()).isEqualTo(new Bound(1005, new byte[] {(byte) 0xab}));
    assertThat(in.readBound()).isEqualTo(Bound.INFINITY);
    assertThat(in.hasMore()).isFalse();
  }

  @Test
  void aDeltaPastTheTopSaturatesAtInfinity() {
    WireWriter out = new WireWriter(4);
    out.writeVarint(11); // 10
    out.writeVarint(0);
    out.writeVarint(-1L); // delta 2^64 - 2 from 10 overflows
    out.writeVarint(0);
    WireReader in = new WireReader(out.toByteArray());
    assertThat(in.readBound().timestamp()).isEqualTo(10);
    assertThat(in.readBound().timestamp()).isEqualTo(Bound.INFINITE_TIMESTAMP);
  }

  @Test
  void truncatedInputIsMalformed() {
    assertMalformed(() -> new WireReader(new byte[] {(byte) 0x81}).readVarint());
    assertMalformed(() -> new WireReader(new byte[] {5, 3, 1}).readBound());
    assertMalformed(() -> new WireReader(new byte[] {5, 33}).readBound());
    assertMalformed(() -> new WireReader(new byte[11]).skipBytes(12));
    byte[] tooLong = new byte[11];
    java.util.Arrays.fill(tooLong, (byte) 0x80);
    assertMalformed(() -> new WireReader(tooLong).readVarint());
  }

  private static void assertMalformed(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            NegentropyException.class, e -> assertThat(e.kind()).isEqualTo(NegentropyException.Kind.MALFORMED));
  }

  private static String varint(long v) {
    WireWriter out = new WireWriter(1);
    out.writeVarint(v);
    return Hex.encode(out.toByteArray());
  }
}
