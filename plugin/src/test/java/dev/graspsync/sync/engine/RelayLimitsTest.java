package dev.graspsync.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.batch.CapacityRefusal;
import dev.graspsync.sync.config.SyncConfig;
import dev.graspsync.sync.nip11.RelayLimitation;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RelayLimitsTest {
  private final RelayLimits limits = new RelayLimits(SyncConfig.defaults(), 4);

  private static RelayLimitation nip11(int maxSubscriptions) {
    RelayLimitation none = RelayLimitation.NONE;
    return new RelayLimitation(none.maxMessageLength(), OptionalInt.of(maxSubscriptions), none.maxFilters(),
        none.maxLimit(), none.defaultLimit(), none.maxSubidLength(), none.maxEventTags(), none.maxContentLength(),
        none.authRequired(), none.restrictedWrites(), none.paymentRequired(), none.createdAtLowerLimit(),
        none.createdAtUpperLimit());
  }

  @Test
  void aBurstOfRefusalsLowersTheLimitToWhatTheRelayHadAcceptedOnce() {
    limits.reset(RelayLimitation.NONE);
    // relay allows 4: REQs sent with 4, 5 and 6 already open were refused
    limits.refused(CapacityRefusal.TOO_MANY_SUBSCRIPTIONS, new RequestShape(5, 8, 9000));
    limits.refused(CapacityRefusal.TOO_MANY_SUBSCRIPTIONS, new RequestShape(4, 8, 9000));
    limits.refused(CapacityRefusal.TOO_MANY_SUBSCRIPTIONS, new RequestShape(6, 8, 9000));
    assertThat(limits.budget().subscriptions()).isEqualTo(4);
  }

  @Test
  void filterAndByteRefusalsHalveTheRefusedRequestNotTheBudgetAgainAndAgain() {
    limits.reset(RelayLimitation.NONE);
    limits.refused(CapacityRefusal.TOO_MANY_FILTERS, new RequestShape(1, 8, 9000));
    limits.refused(CapacityRefusal.TOO_MANY_FILTERS, new RequestShape(2, 8, 9000));
    assertThat(limits.budget().filtersPerRequest()).isEqualTo(4);
    limits.refused(CapacityRefusal.TOO_LARGE, new RequestShape(1, 8, 200_000));
    assertThat(limits.budget().bytesPerRequest()).isLessThan(100_000);
  }

  @Test
  void aNewConnectionStartsAgainFromNip11() {
    limits.reset(nip11(10));
    limits.refused(CapacityRefusal.TOO_MANY_SUBSCRIPTIONS, new RequestShape(3, 8, 9000));
    assertThat(limits.budget().subscriptions()).isEqualTo(3);
    limits.reset(nip11(10));
    assertThat(limits.budget().subscriptions()).isEqualTo(10);
  }
}
