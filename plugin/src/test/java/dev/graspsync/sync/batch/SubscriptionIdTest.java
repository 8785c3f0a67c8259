package dev.graspsync.sync.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubscriptionIdTest {

  @Test
  void roundTrips() {
    for (SubscriptionId id : new SubscriptionId[] {
        new SubscriptionId(0, 0, 0), new SubscriptionId(42, 7, 0), new SubscriptionId(Long.MAX_VALUE, 99, 12)}) {
      assertThat(SubscriptionId.parse(id.text())).contains(id);
      assertThat(id.text().length()).isLessThanOrEqualTo(40);
    }
    assertThat(new SubscriptionId(3, 1, 0).text()).isEqualTo("b3.1");
    assertThat(new SubscriptionId(3, 1, 2).text()).isEqualTo("b3.1.p2");
  }

  @Test
  void foreignIdsAreNotOurs() {
    for (String s : new String[] {"", "b", "b1", "x1.2", "b1.2.3", "b1.2.p0", "b-1.2", "b01.2", "b+1.2", "b1.2.p", "bx.y"}) {
      assertThat(SubscriptionId.parse(s)).as(s).isEmpty();
    }
  }
}
