package dev.graspsync.sync.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graspsync.sync.permit.PermitQueue;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The host-wide budget on its own, with sessions played by plain event-loop contexts. */
class InFlightBudgetTest extends SessionTestBase {
  /** Where each waiter's callback ran. */
  private final Map<String, Context> woken = new ConcurrentHashMap<>();

  private PermitQueue.Waiter waiter(String name, Context context) {
    return new PermitQueue.Waiter(context, () -> woken.put(name, Vertx.currentContext()));
  }

  private static void take(InFlightBudget budget, int permits) {
    for (int i = 0; i < permits; i++) {
      assertThat(budget.tryAcquire()).as("permit %d", i + 1).isTrue();
    }
  }

  @Test
  void givesPermitsUpToItsLimitAndTakesThemBack() {
    InFlightBudget budget = InFlightBudget.of(4);

    take(budget, 4);
    assertThat(budget.tryAcquire()).isFalse();
    assertThat(budget.inFlight()).isEqualTo(4);

    budget.release(1);
    assertThat(budget.inFlight()).isEqualTo(3);
    assertThat(budget.tryAcquire()).isTrue();
    assertThat(budget.limit()).isEqualTo(4);
  }

  @Test
  void refusesMarksThatCannotWork() {
    assertThatThrownBy(() -> new InFlightBudget(4, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InFlightBudget(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InFlightBudget(4, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void waitersAreWokenInTheOrderTheyQueuedAtTheLowMarkEachOnItsOwnContext() {
    Context a = vertx.getOrCreateContext();
    Context b = vertx.getOrCreateContext();
    InFlightBudget budget = new InFlightBudget(4, 2);
    take(budget, 4);
    budget.await(waiter("first", a));
    budget.await(waiter("second", b));
    budget.await(waiter("third", a));

    budget.release(1);
    assertThat(budget.waiting()).as("above the low mark nobody is woken").isEqualTo(3);

    budget.release(1);
    // two permits free at the low mark: one set aside for each of the first two waiters
    assertThat(budget.waiting()).isEqualTo(1);
    assertThat(budget.inFlight()).isEqualTo(4);
    OnLoop.poll("the first two waiters ran", () -> woken.size() == 2);
    assertThat(woken).containsOnlyKeys("first", "second");
    assertThat(woken.get("first")).isSameAs(a);
    assertThat(woken.get("second")).isSameAs(b);

    budget.release(2);
    OnLoop.poll("the third waiter ran", () -> woken.size() == 3);
    assertThat(woken.get("third")).isSameAs(a);
    assertThat(budget.inFlight()).isEqualTo(3);
    assertThat(budget.waiting()).isZero();
  }

  @Test
  void nobodyJumpsTheQueueWhileSomeoneWaits() {
    InFlightBudget budget = new InFlightBudget(4, 2);
    take(budget, 4);
    budget.await(waiter("queued", vertx.getOrCreateContext()));

    budget.release(1);
    assertThat(budget.tryAcquire()).as("a permit is free, but it is the queued session's turn").isFalse();

    budget.release(1);
    OnLoop.poll("the queued session ran", () -> woken.containsKey("queued"));
    assertThat(budget.inFlight()).isEqualTo(3);
    assertThat(budget.tryAcquire()).as("the queue is empty again").isTrue();
  }

  @Test
  void aWaiterThatLeftIsNotWokenAndKeepsNoPermit() {
    InFlightBudget budget = new InFlightBudget(4, 2);
    take(budget, 4);
    PermitQueue.Waiter gone = waiter("gone", vertx.getOrCreateContext());
    budget.await(gone);

    assertThat(budget.leave(gone)).isTrue();
    budget.release(4);

    assertThat(budget.inFlight()).isZero();
    assertThat(budget.waiting()).isZero();
    assertThat(budget.leave(gone)).isFalse();
  }

  @Test
  void aWaiterQueuingWhenThereIsRoomAlreadyIsWokenAtOnce() {
    InFlightBudget budget = new InFlightBudget(4, 2);
    take(budget, 2);

    budget.await(waiter("late", vertx.getOrCreateContext()));

    OnLoop.poll("the late waiter ran", () -> woken.containsKey("late"));
    assertThat(budget.inFlight()).isEqualTo(3);
  }

  /**
   * Sessions on four event loops take permits as fast as they can while others give them back
   * from yet another loop: every session gets all it asked for (no wake-up is lost, nobody
   * starves), and the budget never hands out more than its limit.
   */
  @Test
  void manyLoopsTakingAndGivingBackNeverLoseAWakeUp() {
    InFlightBudget budget = new InFlightBudget(8, 4);
    Context settler = vertx.getOrCreateContext();
    AtomicInteger most = new AtomicInteger();
    List<Taker> takers = List.of(new Taker(), new Taker(), new Taker(), new Taker());
    for (Taker t : takers) {
      t.context = vertx.getOrCreateContext();
      t.budget = budget;
      t.settler = settler;
      t.most = most;
      t.context.runOnContext(v -> t.pump());
    }

    OnLoop.poll("every session got its permits", () -> takers.stream().allMatch(t -> t.got.get() == Taker.WANTS));
    OnLoop.poll("every permit came back", () -> budget.inFlight() == 0);
    assertThat(most.get()).isLessThanOrEqualTo(8);
    assertThat(budget.waiting()).isZero();
  }

  /** Plays a session: one permit per event, each given back later on another loop. */
  private static final class Taker {
    static final int WANTS = 3_000;
    final AtomicInteger got = new AtomicInteger();
    Context context;
    InFlightBudget budget;
    Context settler;
    AtomicInteger most;

    void pump() {
      while (got.get() < WANTS) {
        if (!budget.tryAcquire()) {
          budget.await(new PermitQueue.Waiter(context, () -> {
            use();
            pump();
          }));
          return;
        }
        use();
      }
    }

    private void use() {
      got.incrementAndGet();
      most.accumulateAndGet(budget.inFlight(), Math::max);
      settler.runOnContext(v -> budget.release(1));
    }
  }
}
