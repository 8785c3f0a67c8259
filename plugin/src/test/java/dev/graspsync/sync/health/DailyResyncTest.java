package dev.graspsync.sync.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DailyResyncTest {
  private final Instant now = Instant.parse("2025-03-01T00:00:00Z");

  /** A random source that always answers the same fraction of the bound. */
  private static RandomGenerator fixed(double fraction) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return 0;
      }

      @Override
      public long nextLong(long bound) {
        return (long) ((bound - 1) * fraction);
      }
    };
  }

  @Test
  void betweenTwentyThreeAndTwentyFiveHours() {
    assertThat(DailyResync.nextAt(now, fixed(0))).isEqualTo(now.plus(Duration.ofHours(23)));
    assertThat(DailyResync.nextAt(now, fixed(1))).isEqualTo(now.plus(Duration.ofHours(25)));
    assertThat(DailyResync.nextAt(now, fixed(0.5))).isEqualTo(now.plus(Duration.ofHours(24)));
  }

  @Test
  void spreadsOverTheWholeRange() {
    SplittableRandom r = new SplittableRandom(42);
    long below24 = 0;
    for (int i = 0; i < 1000; i++) {
      Instant at = DailyResync.nextAt(now, r);
      assertThat(at).isBetween(now.plus(Duration.ofHours(23)), now.plus(Duration.ofHours(25)));
      if (at.isBefore(now.plus(Duration.ofHours(24)))) {
        below24++;
      }
    }
    assertThat(below24).isBetween(400L, 600L);
  }
}
