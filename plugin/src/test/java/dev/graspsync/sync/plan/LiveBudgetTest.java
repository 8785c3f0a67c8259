package dev.graspsync.sync.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LiveBudgetTest {

  private static final OptionalInt NONE = OptionalInt.empty();

  @Test
  void theThresholdBoundsARelayThatSaysNothing() {
    LiveBudget b = LiveBudget.of(70, NONE, NONE, 20, NONE, 4);
    assertThat(b.subscriptions()).isEqualTo(70);
    assertThat(b.historySlots()).isEqualTo(4);
    assertThat(b.liveSubscriptions()).isEqualTo(66);
    assertThat(b.filtersPerRequest()).isEqualTo(20);
    assertThat(b.bytesPerRequest()).isEqualTo(LiveBudget.DEFAULT_REQUEST_BYTES - LiveBudget.ENVELOPE_BYTES);
  }

  @Test
  void theRelaysOwnLimitsWinWhenLower() {
    LiveBudget b = LiveBudget.of(70, OptionalInt.of(20), OptionalInt.of(100), 20, OptionalInt.of(524_288), 4);
    assertThat(b.subscriptions()).isEqualTo(20);
    assertThat(b.filtersPerRequest()).isEqualTo(100);
    assertThat(b.bytesPerRequest()).isEqualTo(524_288 - LiveBudget.ENVELOPE_BYTES);
    assertThat(LiveBudget.of(70, OptionalInt.of(500), NONE, 20, NONE, 4).subscriptions()).isEqualTo(70);
  }

  @Test
  void aSmallRelayKeepsMostOfItsSubscriptionsForLiveCoverage() {
    LiveBudget six = LiveBudget.of(70, OptionalInt.of(6), NONE, 20, NONE, 4);
    assertThat(six.historySlots()).isEqualTo(1);
    assertThat(six.liveSubscriptions()).isEqualTo(5);
    LiveBudget one = LiveBudget.of(70, OptionalInt.of(1), NONE, 20, NONE, 4);
    assertThat(one.subscriptions()).as("one history and one live at least").isEqualTo(2);
  }

  @Test
  void zeroOrNegativeAdvertisedValuesMeanNoLimit() {
    LiveBudget b = LiveBudget.of(70, OptionalInt.of(0), OptionalInt.of(-1), 20, OptionalInt.of(0), 4);
    assertThat(b.subscriptions()).isEqualTo(70);
    assertThat(b.filtersPerRequest()).isEqualTo(20);
  }

  @Test
  void aBudgetWithoutLiveRoomIsRefused() {
    assertThatThrownBy(() -> new LiveBudget(4, 4, 10, 1000)).isInstanceOf(IllegalArgumentException.class);
  }
}
