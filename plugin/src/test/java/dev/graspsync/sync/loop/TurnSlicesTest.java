package dev.graspsync.sync.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graspsync.sync.loop.TurnSlices.Slice;
import org.junit.jupiter.api.Test;

class TurnSlicesTest {
  @Test
  void stepsAreCutIntoTurnsOfAtMostPerTurnInOrder() {
    assertThat(TurnSlices.of(35, 16)).containsExactly(new Slice(0, 16), new Slice(16, 32), new Slice(32, 35));
  }

  @Test
  void anExactMultipleLeavesNoEmptyTurn() {
    assertThat(TurnSlices.of(32, 16)).containsExactly(new Slice(0, 16), new Slice(16, 32));
  }

  @Test
  void fewerStepsThanATurnTakeOneTurnAndNoneTakeNone() {
    assertThat(TurnSlices.of(3, 16)).containsExactly(new Slice(0, 3));
    assertThat(TurnSlices.of(0, 16)).isEmpty();
  }

  @Test
  void aTurnMustHoldAStep() {
    assertThatThrownBy(() -> TurnSlices.of(10, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("perTurn");
    assertThatThrownBy(() -> TurnSlices.of(-1, 4)).isInstanceOf(IllegalArgumentException.class);
  }
}
