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
  void whileHistoryRunsOnlyFullSubscriptionsOpenAndAPartlyFilledLastOneWaits() {
    assertThat(tail.packsToOpen(3, 4, 20, true, Duration.ofSeconds(3))).isEqualTo(2);
    assertThat(tail.packsToOpen(3, 20, 20, true, Duration.ofSeconds(3))).isEqualTo(3);
    assertThat(tail.packsToOpen(1, 8, 20, true, Duration.ofSeconds(3))).isZero();
  }

  @Test
  void onceHistoryIsDoneOrTheTailIsOldEverySubscriptionOpens() {
    assertThat(tail.packsToOpen(3, 4, 20, false, Duration.ZERO)).isEqualTo(3);
    assertThat(tail.packsToOpen(3, 4, 20, true, Duration.ofSeconds(30))).isEqualTo(3);
    assertThat(tail.packsToOpen(1, 3, 20, false, Duration.ZERO)).isEqualTo(1);
  }

  @Test
  void anEmptyTailNeverOpens() {
    assertThat(tail.open(0, 0, 20, false, Duration.ofHours(1))).isFalse();
    assertThat(tail.packsToOpen(0, 0, 20, false, Duration.ofHours(1))).isZero();
  }
}
