package dev.graspsync.host.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

  @Test
  void allowsABurstThenTheSustainedRate() {
    MutableClock clock = new MutableClock(1_000);
    TokenBucket bucket = new TokenBucket(10, 3, clock);

    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isFalse();

    clock.advanceMillis(100); // one token at 10 per second
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isFalse();
  }

  @Test
  void neverHoldsMoreThanTheBurstHowLongEverItIdles() {
    MutableClock clock = new MutableClock(0);
    TokenBucket bucket = new TokenBucket(100, 2, clock);
    clock.advanceMillis(60_000);
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isFalse();
  }

  @Test
  void aClockGoingBackwardsGrantsNothing() {
    MutableClock clock = new MutableClock(10_000);
    TokenBucket bucket = new TokenBucket(1, 1, clock);
    assertThat(bucket.tryTake()).isTrue();
    clock.advanceMillis(-5_000);
    assertThat(bucket.tryTake()).isFalse();
  }
}
