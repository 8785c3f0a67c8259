package dev.graspsync.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalSetSlotsTest {

  @Test
  void reconciliationsPastTheHostWideLimitWaitForOneToEnd() {
    LocalSetSlots slots = new LocalSetSlots(2);
    Future<Void> first = slots.acquire();
    Future<Void> second = slots.acquire();
    Future<Void> third = slots.acquire();
    Future<Void> fourth = slots.acquire();

    assertThat(first.succeeded()).isTrue();
    assertThat(second.succeeded()).isTrue();
    assertThat(third.isComplete()).as("the third waits while two are open").isFalse();
    assertThat(slots.open()).isEqualTo(2);

    slots.release();
    assertThat(third.succeeded()).as("the first waiter gets the released slot").isTrue();
    assertThat(fourth.isComplete()).isFalse();
    assertThat(slots.open()).isEqualTo(2);

    slots.release();
    slots.release();
    assertThat(fourth.succeeded()).isTrue();
    assertThat(slots.open()).isEqualTo(1);
  }

  @Test
  void everyWaiterIsServedOnceAllSlotsAreGivenBack() {
    LocalSetSlots slots = new LocalSetSlots(3);
    List<Future<Void>> all = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      all.add(slots.acquire());
    }
    for (int i = 0; i < 50; i++) {
      slots.release();
    }
    assertThat(all).allMatch(Future::succeeded);
    assertThat(slots.open()).isZero();
  }

  @Test
  void aLimitBelowOneIsRefused() {
    assertThatThrownBy(() -> new LocalSetSlots(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
