package dev.graspsync.sync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FrameLimitTest {

  @Test
  void followsTheRelaysMessageLengthHexDoublingTheBytes() {
    assertThat(FrameLimit.forRelay(OptionalInt.of(131_072))).isEqualTo((131_072 - 128) / 2);
    assertThat(FrameLimit.forRelay(OptionalInt.of(131_072)) * 2 + FrameLimit.ENVELOPE).isLessThanOrEqualTo(131_072);
  }

  @Test
  void neverBelowTheProtocolsMinimumAndADefaultWhenUnknown() {
    assertThat(FrameLimit.forRelay(OptionalInt.of(2000))).isEqualTo(FrameLimit.MIN);
    assertThat(FrameLimit.forRelay(OptionalInt.empty())).isEqualTo(FrameLimit.DEFAULT);
    assertThat(FrameLimit.forRelay(OptionalInt.of(0))).isEqualTo(FrameLimit.DEFAULT);
  }
}
