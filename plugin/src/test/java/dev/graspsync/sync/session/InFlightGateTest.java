package dev.graspsync.sync.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InFlightGateTest {

  @Test
  void pausesAtTheHighWaterMarkAndResumesAtTheLowOne() {
    InFlightGate gate = new InFlightGate(4, 1);
    assertThat(gate.acquire()).isFalse();
    assertThat(gate.acquire()).isFalse();
    assertThat(gate.acquire()).isFalse();
    assertThat(gate.acquire()).isTrue();
    assertThat(gate.paused()).isTrue();
    assertThat(gate.release()).isFalse();
    assertThat(gate.release()).isFalse();
    assertThat(gate.release()).isTrue();
    assertThat(gate.paused()).isFalse();
    assertThat(gate.inFlight()).isEqualTo(1);
    assertThat(gate.maxSeen()).isEqualTo(4);
  }
}
