package dev.graspsync.sync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LiveTailTest {

  private final LiveTail tail = new LiveTail(Duration.ofSeconds(30));

  @Test
  void aPartlyFilledTailWaitsWhileHistoryIsRunning() {
    assertThat(tail.open(1, 8, 20, true, Duration.ofSeconds(3))).isFalse();
  }

  @Test
  void itOpensOnceItFillsASubscription() {
    assertThat(tail.open(1, 20, 20, true, Duration.ZERO)).isTrue();
    assertThat(tail.open(2, 1, 20, true, Duration.ZERO)).isTrue();
  }

  @Test
  void itOpensWhenHistoryIsDoneOrItWaitedLongEnough() {
    assertThat(tail.open(1, 3, 20, false, Duration.ZERO)).isTrue();
    assertThat(tail.open(1, 3, 20, true, Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void anEmptyTailNeverOpens() {
    assertThat(tail.open(0, 0, 20, false, Duration.ofHours(1))).isFalse();
  }
}
