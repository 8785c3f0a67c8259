package dev.graspsync.sync.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResumeTest {
  private static final Duration OVERLAP = Duration.ofMinutes(15);

  @Test
  void restartResumesFifteenMinutesBeforeTheLastLiveHeartbeat() {
    Instant beat = Instant.parse("2025-03-01T10:00:00Z");
    assertThat(Resume.since(beat, OVERLAP)).isEqualTo(Instant.parse("2025-03-01T09:45:00Z"));
    assertThat(Resume.decide(Optional.of(beat), OVERLAP))
        .isEqualTo(new ReconnectDecision.CatchUp(Instant.parse("2025-03-01T09:45:00Z")));
  }

  @Test
  void evenAfterALongDowntimeNoFullHistoryIsFetched() {
    Instant beat = Instant.parse("2025-01-01T00:00:00Z");
    assertThat(Resume.decide(Optional.of(beat), OVERLAP)).isInstanceOf(ReconnectDecision.CatchUp.class);
  }

  @Test
  void aRelayNeverLiveGetsAFullSync() {
    assertThat(Resume.decide(Optional.empty(), OVERLAP)).isInstanceOf(ReconnectDecision.FullSync.class);
  }

  @Test
  void neverBeforeTheEpoch() {
    assertThat(Resume.since(Instant.ofEpochSecond(60), OVERLAP)).isEqualTo(Instant.EPOCH);
  }
}
