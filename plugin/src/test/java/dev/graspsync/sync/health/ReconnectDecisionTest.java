package dev.graspsync.sync.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconnectDecisionTest {
  private static final Duration WINDOW = Duration.ofSeconds(900);
  private static final Duration OVERLAP = Duration.ofMinutes(15);
  private final Instant down = Instant.parse("2025-03-01T10:00:00Z");

  @Test
  void firstConnectionIsAFullSync() {
    assertThat(ReconnectDecision.decide(down, Optional.empty(), Optional.empty(), WINDOW, OVERLAP))
        .isEqualTo(new ReconnectDecision.FullSync(ReconnectDecision.FullSync.Why.FIRST_CONNECTION));
  }

  @Test
  void quickReconnectCatchesUpFromFifteenMinutesBeforeTheDisconnect() {
    ReconnectDecision d = ReconnectDecision.decide(down.plusSeconds(300), Optional.of(down), Optional.empty(), WINDOW, OVERLAP);
    ReconnectDecision.CatchUp c = (ReconnectDecision.CatchUp) d;
    assertThat(c.since()).isEqualTo(Instant.parse("2025-03-01T09:45:00Z"));
    // a real timestamp, not the elapsed seconds the reference passed (a date in 1970)
    assertThat(c.sinceEpochSecond()).isEqualTo(down.getEpochSecond() - 900).isGreaterThan(1_000_000_000L);
  }

  @Test
  void theWindowIsMeasuredFromTheDisconnect() {
    // connected long ago, disconnected just now: still quick (the reference measured from the connect)
    assertThat(ReconnectDecision.decide(down.plusSeconds(900), Optional.of(down), Optional.of(down.minusSeconds(5)), WINDOW, OVERLAP))
        .isInstanceOf(ReconnectDecision.CatchUp.class);
    assertThat(ReconnectDecision.decide(down.plusSeconds(901), Optional.of(down), Optional.empty(), WINDOW, OVERLAP))
        .isEqualTo(new ReconnectDecision.FullSync(ReconnectDecision.FullSync.Why.OUTAGE_TOO_LONG));
  }

  @Test
  void aSilentDeathBeforeTheDisconnectStartsTheCatchUpEarlier() {
    Instant lastHeartbeat = down.minusSeconds(120);
    ReconnectDecision.CatchUp c = (ReconnectDecision.CatchUp)
        ReconnectDecision.decide(down.plusSeconds(60), Optional.of(down), Optional.of(lastHeartbeat), WINDOW, OVERLAP);
    assertThat(c.since()).isEqualTo(lastHeartbeat.minus(OVERLAP));
  }

  @Test
  void worksInMillisecondsForTests() {
    Instant d = Instant.ofEpochMilli(1_000_000);
    assertThat(ReconnectDecision.decide(d.plusMillis(50), Optional.of(d), Optional.empty(), Duration.ofMillis(100), Duration.ofMillis(10)))
        .isEqualTo(new ReconnectDecision.CatchUp(d.minusMillis(10)));
    assertThat(ReconnectDecision.decide(d.plusMillis(101), Optional.of(d), Optional.empty(), Duration.ofMillis(100), Duration.ofMillis(10)))
        .isInstanceOf(ReconnectDecision.FullSync.class);
  }
}
