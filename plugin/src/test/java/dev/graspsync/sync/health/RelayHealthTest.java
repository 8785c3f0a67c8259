package dev.graspsync.sync.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RelayHealthTest {
  private final HealthRules rules = HealthRules.defaults();
  private final Instant t0 = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void startsDisconnectedAndMayConnectAtOnce() {
    RelayHealth h = RelayHealth.initial();
    assertThat(h.health()).isEqualTo(Health.DISCONNECTED);
    assertThat(h.mayConnect(t0)).isTrue();
    assertThat(h.nextAttempt(t0)).isEqualTo(t0);
  }

  @Test
  void failuresBackOffExponentially() {
    RelayHealth h = RelayHealth.initial();
    Instant now = t0;
    long[] waits = {5, 10, 20, 40, 80};
    for (long w : waits) {
      h = h.onConnectFailure(now, rules);
      assertThat(h.health()).isEqualTo(Health.DEGRADED);
      assertThat(h.nextAttempt(now)).isEqualTo(now.plusSeconds(w));
      assertThat(h.mayConnect(now.plusSeconds(w - 1))).isFalse();
      now = now.plusSeconds(w);
      assertThat(h.mayConnect(now)).isTrue();
    }
    assertThat(h.consecutiveFailures()).isEqualTo(5);
    assertThat(h.failingSince()).contains(t0);
  }

  @Test
  void backoffIsCappedAtMaxBackoff() {
    RelayHealth h = RelayHealth.initial();
    for (int i = 0; i < 20; i++) {
      h = h.onConnectFailure(t0.plusSeconds(i), rules);
    }
    assertThat(h.nextAttemptAt()).contains(t0.plusSeconds(19).plus(Duration.ofHours(1)));
  }

  @Test
  void deadAfterTwentyFourHoursOfFailureThenOnceADay() {
    RelayHealth h = RelayHealth.initial().onConnectFailure(t0, rules);
    Instant almost = t0.plus(Duration.ofHours(24)).minusSeconds(1);
    h = h.onConnectFailure(almost, rules);
    assertThat(h.health()).isEqualTo(Health.DEGRADED);
    Instant day = t0.plus(Duration.ofHours(24));
    h = h.onConnectFailure(day, rules);
    assertThat(h.health()).isEqualTo(Health.DEAD);
    assertThat(h.nextAttempt(day)).isEqualTo(day.plus(Duration.ofHours(24)));
    h = h.onConnectFailure(day.plus(Duration.ofHours(24)), rules);
    assertThat(h.health()).isEqualTo(Health.DEAD);
    assertThat(h.onConnected(day.plus(Duration.ofHours(25))).health()).isEqualTo(Health.HEALTHY);
  }

  @Test
  void failuresClearOnlyOnceTheConnectionIsStable() {
    RelayHealth h = RelayHealth.initial().onConnectFailure(t0, rules).onConnectFailure(t0.plusSeconds(5), rules);
    h = h.onConnected(t0.plusSeconds(15));
    assertThat(h.health()).isEqualTo(Health.HEALTHY);
    assertThat(h.consecutiveFailures()).isEqualTo(2);
    assertThat(h.onHeartbeat(t0.plusSeconds(30), rules).consecutiveFailures()).isEqualTo(2);
    RelayHealth stable = h.onHeartbeat(t0.plusSeconds(75), rules);
    assertThat(stable.consecutiveFailures()).isZero();
    assertThat(stable.failingSince()).isEmpty();
  }

  @Test
  void aConnectionDroppedAtOnceCountsAsAFailure() {
    RelayHealth h = RelayHealth.initial().onConnected(t0);
    RelayHealth dropped = h.onDropped(t0.plusSeconds(2), rules);
    assertThat(dropped.health()).isEqualTo(Health.DEGRADED);
    assertThat(dropped.consecutiveFailures()).isEqualTo(1);
    assertThat(dropped.nextAttempt(t0.plusSeconds(2))).isEqualTo(t0.plusSeconds(7));
    RelayHealth again = dropped.onConnected(t0.plusSeconds(7)).onDropped(t0.plusSeconds(8), rules);
    assertThat(again.nextAttempt(t0.plusSeconds(8))).isEqualTo(t0.plusSeconds(18));
  }

  @Test
  void aStableConnectionDroppedReconnectsAtOnce() {
    RelayHealth h = RelayHealth.initial().onConnected(t0).onDropped(t0.plus(Duration.ofHours(2)), rules);
    assertThat(h.health()).isEqualTo(Health.DISCONNECTED);
    assertThat(h.consecutiveFailures()).isZero();
    assertThat(h.mayConnect(t0.plus(Duration.ofHours(2)))).isTrue();
  }

  @Test
  void rateLimitCoolsDownThenRecovers() {
    RelayHealth h = RelayHealth.initial().onConnected(t0).onRateLimited(t0.plusSeconds(10), rules);
    assertThat(h.health()).isEqualTo(Health.RATE_LIMITED);
    assertThat(h.maySubscribe(t0.plusSeconds(74))).isFalse();
    assertThat(h.maySubscribe(t0.plusSeconds(75))).isTrue();
    assertThat(h.onCooldownElapsed(t0.plusSeconds(74))).isSameAs(h);
    RelayHealth after = h.onCooldownElapsed(t0.plusSeconds(75));
    assertThat(after.health()).isEqualTo(Health.HEALTHY);
    assertThat(after.rateLimitedUntil()).isEmpty();
  }

  @Test
  void aSecondRateLimitExtendsTheCooldown() {
    RelayHealth h = RelayHealth.initial().onConnected(t0)
        .onRateLimited(t0, rules).onRateLimited(t0.plusSeconds(30), rules);
    assertThat(h.rateLimitedUntil()).contains(t0.plusSeconds(95));
  }

  @Test
  void noReconnectBeforeACooldownEnds() {
    RelayHealth h = RelayHealth.initial().onConnected(t0).onRateLimited(t0, rules)
        .onDropped(t0.plus(Duration.ofMinutes(2)).minusSeconds(70), rules);
    assertThat(h.nextAttempt(t0.plusSeconds(50))).isEqualTo(t0.plusSeconds(65));
  }

  @Test
  void intentionalDisconnectSchedulesNothing() {
    RelayHealth h = RelayHealth.initial().onConnected(t0).onIntentionalDisconnect();
    assertThat(h.health()).isEqualTo(Health.DISCONNECTED);
    assertThat(h.nextAttemptAt()).isEmpty();
  }

  @Test
  void metricValuesMatchTheReference() {
    assertThat(Health.HEALTHY.metricValue()).isEqualTo(1);
    assertThat(Health.DISCONNECTED.metricValue()).isEqualTo(2);
    assertThat(Health.DEGRADED.metricValue()).isEqualTo(3);
    assertThat(Health.DEAD.metricValue()).isEqualTo(4);
    assertThat(Health.RATE_LIMITED.metricValue()).isEqualTo(5);
  }
}
