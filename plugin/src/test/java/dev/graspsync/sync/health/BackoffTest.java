package dev.graspsync.sync.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Duration base = Duration.ofSeconds(5);
  private final Duration cap = Duration.ofHours(1);

  @Test
  void doublesFromTheBaseUpToTheCap() {
    assertThat(Backoff.delay(0, base, cap)).isZero();
    assertThat(Backoff.delay(1, base, cap)).hasSeconds(5);
    assertThat(Backoff.delay(2, base, cap)).hasSeconds(10);
    assertThat(Backoff.delay(3, base, cap)).hasSeconds(20);
    assertThat(Backoff.delay(10, base, cap)).hasSeconds(2560);
    assertThat(Backoff.delay(11, base, cap)).isEqualTo(cap);
    assertThat(Backoff.delay(Integer.MAX_VALUE, base, cap)).isEqualTo(cap);
  }

  @Test
  void worksInMillisecondsForTests() {
    assertThat(Backoff.delay(3, Duration.ofMillis(5), Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(20));
  }
}
