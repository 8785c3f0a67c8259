package dev.graspsync.sync.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClosedReasonTest {

  @Test
  void prefixesDecideWhatACloseMeans() {
    assertThat(ClosedReason.of("rate-limited: slow down")).isEqualTo(ClosedReason.RATE_LIMITED);
    assertThat(ClosedReason.of("auth-required: members only")).isEqualTo(ClosedReason.AUTH_REQUIRED);
    assertThat(ClosedReason.of("restricted: no")).isEqualTo(ClosedReason.REFUSED);
    assertThat(ClosedReason.of("blocked: you")).isEqualTo(ClosedReason.REFUSED);
    assertThat(ClosedReason.of("invalid: bad filter")).isEqualTo(ClosedReason.REFUSED);
    assertThat(ClosedReason.of("error: db down")).isEqualTo(ClosedReason.REFUSED);
    assertThat(ClosedReason.of("")).isEqualTo(ClosedReason.REFUSED);
    assertThat(ClosedReason.of("rate limited, sorry")).isEqualTo(ClosedReason.REFUSED);
  }
}
