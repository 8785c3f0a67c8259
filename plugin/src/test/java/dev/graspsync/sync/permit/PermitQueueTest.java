package dev.graspsync.sync.permit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PermitQueueTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void callersPastTheLimitWaitInTheOrderTheyCame() {
    PermitQueue slots = PermitQueue.slots(2);
    Future<Void> first = slots.acquire();
    Future<Void> second = slots.acquire();
    Future<Void> third = slots.acquire();
    Future<Void> fourth = slots.acquire();

    assertThat(first.succeeded()).isTrue();
    assertThat(second.succeeded()).isTrue();
    assertThat(third.isComplete()).as("the third waits while two are taken").isFalse();
    assertThat(slots.taken()).isEqualTo(2);
    assertThat(slots.waiting()).isEqualTo(2);

    slots.release();
    assertThat(third.succeeded()).as("the first waiter gets the released slot").isTrue();
    assertThat(fourth.isComplete()).isFalse();
    assertThat(slots.taken()).isEqualTo(2);
    assertThat(slots.waiting()).isEqualTo(1);

    slots.release();
    slots.release();
    assertThat(fourth.succeeded()).isTrue();
    assertThat(slots.taken()).isEqualTo(1);
    assertThat(slots.waiting()).isZero();
  }

  @Test
  void aCallerThatDidNotQueueGetsNothingWhileOthersWait() {
    PermitQueue slots = PermitQueue.slots(1);
    slots.acquire();
    Future<Void> queued = slots.acquire();
    assertThat(slots.tryAcquire()).isFalse();

    slots.release();
    assertThat(queued.succeeded()).isTrue();
    assertThat(slots.tryAcquire()).as("the released slot went to the waiter").isFalse();
  }

  @Test
  void waitersAreWokenOnlyAtTheLowWaterMark() {
    PermitQueue budget = new PermitQueue(4, 2);
    for (int i = 0; i < 4; i++) {
      assertThat(budget.tryAcquire()).isTrue();
    }
    Future<Void> waiter = budget.acquire();
    budget.release(1);
    assertThat(waiter.isComplete()).as("3 taken: above the low-water mark").isFalse();
    budget.release(1);
    assertThat(waiter.succeeded()).isTrue();
    assertThat(budget.taken()).isEqualTo(3);
  }

  @Test
  void aWaiterThatLeftIsNotWoken() {
    PermitQueue slots = PermitQueue.slots(1);
    slots.acquire();
    AtomicInteger woken = new AtomicInteger();
    PermitQueue.Waiter gone = new PermitQueue.Waiter(vertx.getOrCreateContext(), woken::incrementAndGet);
    slots.await(gone);
    assertThat(slots.leave(gone)).isTrue();
    assertThat(slots.leave(gone)).isFalse();
    slots.release();
    assertThat(slots.taken()).isZero();
    assertThat(slots.waiting()).isZero();
    assertThat(woken).hasValue(0);
  }

  @Test
  void aWaiterIsWokenOnTheContextItQueuedFrom() throws Exception {
    PermitQueue slots = PermitQueue.slots(1);
    slots.acquire();
    Context owner = vertx.getOrCreateContext();
    CompletableFuture<Context> wokenOn = new CompletableFuture<>();
    owner.runOnContext(v -> slots.acquire().onSuccess(x -> wokenOn.complete(Vertx.currentContext())));
    // released from another thread: the waiter still runs on its own loop
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (slots.waiting() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    slots.release();
    assertThat(wokenOn.get(5, TimeUnit.SECONDS)).isSameAs(owner);
  }

  @Test
  void everyWaiterIsServedOnceAllPermitsAreGivenBack() {
    PermitQueue slots = PermitQueue.slots(3);
    List<Future<Void>> all = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      all.add(slots.acquire());
    }
    for (int i = 0; i < 50; i++) {
      slots.release();
    }
    assertThat(all).allMatch(Future::succeeded);
    assertThat(slots.taken()).isZero();
  }

  @Test
  void aLimitBelowOneOrALowWaterMarkOutsideItIsRefused() {
    assertThatThrownBy(() -> PermitQueue.slots(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PermitQueue(4, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PermitQueue(4, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
