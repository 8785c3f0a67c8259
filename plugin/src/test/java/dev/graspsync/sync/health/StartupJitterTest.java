package dev.graspsync.sync.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StartupJitterTest {

  @Test
  void withinZeroAndTheMaximum() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 200; i++) {
      assertThat(StartupJitter.delay(r, Duration.ofSeconds(3))).isBetween(Duration.ZERO, Duration.ofMillis(2999));
    }
    assertThat(StartupJitter.delay(r, Duration.ZERO)).isZero();
  }
}
