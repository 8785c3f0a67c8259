package dev.graspsync.nostr.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HexTest {
  @Test
  void roundTripsAndRefusesUpperCase() {
    byte[] b = {0, 1, (byte) 0xab, (byte) 0xff};
    assertThat(Hex.encode(b)).isEqualTo("0001abff");
    assertThat(Hex.decode("0001abff")).isEqualTo(b);
    assertThat(Hex.isLowerHex("0001abff", 8)).isTrue();
    assertThat(Hex.isLowerHex("0001ABFF", 8)).isFalse();
    assertThat(Hex.isLowerHex("0001abff", 6)).isFalse();
    assertThat(Hex.equalsBytes("0001abff", b)).isTrue();
    assertThat(Hex.equalsBytes("0001abfe", b)).isFalse();
    assertThatThrownBy(() -> Hex.decode("abc")).hasMessageContaining("odd length");
    assertThatThrownBy(() -> Hex.decode("zz")).hasMessageContaining("position 0");
  }
}
