package dev.graspsync.sync.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionStateTest {

  @Test
  void syncingWhilePendingThenConnectedOrWithFailures() {
    assertThat(ConnectionState.whenConnected(2, false)).isEqualTo(ConnectionState.SYNCING);
    assertThat(ConnectionState.whenConnected(1, true)).isEqualTo(ConnectionState.SYNCING);
    assertThat(ConnectionState.whenConnected(0, false)).isEqualTo(ConnectionState.CONNECTED);
    assertThat(ConnectionState.whenConnected(0, true)).isEqualTo(ConnectionState.CONNECTED_WITH_FAILURES);
  }

  @Test
  void metricValuesAreZeroToFive() {
    assertThat(ConnectionState.values()).extracting(ConnectionState::metricValue).containsExactly(0, 1, 2, 3, 4, 5);
  }
}
