package dev.graspsync.sync.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClosedReasonTest {

  @Test
  void readsTheMachinePrefix() {
    assertThat(ClosedReason.of("rate-limited: slow down")).isEqualTo(ClosedReason.RATE_LIMITED);
    assertThat(ClosedReason.of("auth-required: please")).isEqualTo(ClosedReason.AUTH_REQUIRED);
    assertThat(ClosedReason.of("restricted: members only")).isEqualTo(ClosedReason.REFUSED);
    assertThat(ClosedReason.of("blocked: go away")).isEqualTo(ClosedReason.REFUSED);
    assertThat(ClosedReason.of("invalid: filter")).isEqualTo(ClosedReason.REFUSED);
    assertThat(ClosedReason.of("error: oops")).isEqualTo(ClosedReason.REFUSED);
    assertThat(ClosedReason.of("we are rate limited")).isEqualTo(ClosedReason.REFUSED);
    assertThat(ClosedReason.of("")).isEqualTo(ClosedReason.REFUSED);
  }
}
