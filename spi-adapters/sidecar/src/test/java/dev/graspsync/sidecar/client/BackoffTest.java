package dev.graspsync.sidecar.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesPerFailureUpToTheCap() {
    Backoff b = Backoff.upTo(Duration.ofSeconds(2));
    assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(250));
    assertThat(b.delay(2)).isEqualTo(Duration.ofMillis(500));
    assertThat(b.delay(4)).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.delay(40)).isEqualTo(Duration.ofSeconds(2));
  }
}
