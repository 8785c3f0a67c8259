package dev.graspsync.sync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RelayRetentionTest {

  @Test
  void aRelayWithPendingWorkIsKeptEvenBeforeAnythingConfirmed() {
    assertThat(RelayRetention.keep(false, false, 1)).isTrue();
  }

  @Test
  void bootstrapRelaysAreAlwaysKept() {
    assertThat(RelayRetention.keep(true, false, 0)).isTrue();
  }

  @Test
  void unneededIdleRelaysAreDropped() {
    assertThat(RelayRetention.keep(false, false, 0)).isFalse();
    assertThat(RelayRetention.keep(false, true, 0)).isTrue();
  }
}
