package dev.graspsync.sync.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** One session's count against its own cap and the shared budget; each gate on its own loop. */
class InFlightGateTest extends SessionTestBase {
  /** A gate on its own event loop; {@code onRoom} takes the permit set aside and says where it ran. */
  private static final class Session {
    final OnLoop loop = new OnLoop(vertx);
    final Context context = loop.call(Vertx::currentContext);
    final AtomicReference<Context> roomOn = new AtomicReference<>();
    final InFlightGate gate;

    Session(int pauseAt, int resumeAt, InFlightBudget budget) {
      gate = new InFlightGate(pauseAt, resumeAt, budget, context, () -> {
        roomOn.set(Vertx.currentContext());
        take(1);
      });
    }

    /** Marks far above anything these tests take: only the shared budget pauses it. */
    Session(InFlightBudget budget) {
      this(256, 128, budget);
    }

    /** Takes {@code n} permits on the loop; false when one was refused. */
    boolean take(int n) {
      boolean all = true;
      for (int i = 0; i < n && all; i++) {
        all = gate.tryAcquire();
      }
      return all;
    }

    boolean takeOnLoop(int n) {
      return loop.call(() -> take(n));
    }

    void settleOnLoop(int n) {
      loop.run(() -> {
        for (int i = 0; i < n; i++) {
          gate.release();
        }
      });
    }
  }

  @Test
  void pausesAtTheHighWaterMarkAndResumesAtTheLowOne() {
    Session s = new Session(4, 1, InFlightBudget.unlimited());

    assertThat(s.takeOnLoop(3)).isTrue();
    assertThat(s.loop.call(s.gate::paused)).isFalse();
    assertThat(s.takeOnLoop(1)).as("the event reaching the cap is still handed over").isTrue();
    assertThat(s.loop.call(s.gate::paused)).isTrue();
    s.settleOnLoop(2);
    assertThat(s.loop.call(s.gate::paused)).isTrue();
    s.settleOnLoop(1);
    assertThat(s.loop.call(s.gate::paused)).isFalse();
    assertThat(s.loop.call(s.gate::inFlight)).isEqualTo(1);
    assertThat(s.loop.call(s.gate::maxSeen)).isEqualTo(4);
  }

  @Test
  void aSessionWaitsForTheSharedBudgetAndGetsRoomOnItsOwnContext() {
    InFlightBudget budget = new InFlightBudget(4, 2);
    Session busy = new Session(budget);
    Session waiting = new Session(budget);

    spendAll(busy, waiting);
    assertThat(waiting.loop.call(waiting.gate::paused)).as("paused by the budget, far below its own cap").isTrue();
    assertThat(budget.waiting()).isEqualTo(1);

    busy.settleOnLoop(1);
    assertThat(waiting.roomOn.get()).as("still above the low mark").isNull();
    busy.settleOnLoop(1);

    waiting.loop.until("room for the waiting session", () -> waiting.roomOn.get() != null);
    assertThat(waiting.roomOn.get()).isSameAs(waiting.context);
    assertThat(waiting.loop.call(waiting.gate::paused)).isFalse();
    assertThat(waiting.loop.call(waiting.gate::inFlight)).isEqualTo(1);
    assertThat(budget.inFlight()).isEqualTo(3);
  }

  @Test
  void closingGivesBackEveryPermitHeldAndLateSettlesDoNotGiveThemBackTwice() {
    InFlightBudget budget = new InFlightBudget(4, 2);
    Session dropped = new Session(budget);
    Session waiting = new Session(budget);
    assertThat(dropped.takeOnLoop(3)).isTrue();
    assertThat(waiting.takeOnLoop(2)).as("one permit left for it").isFalse();

    dropped.loop.run(dropped.gate::close);

    waiting.loop.until("the waiting session got the freed room", () -> waiting.roomOn.get() != null);
    assertThat(budget.inFlight()).as("only the waiting session's two events").isEqualTo(2);
    // the dropped connection's events finish in the host long after; the budget is not charged twice
    dropped.settleOnLoop(3);
    assertThat(budget.inFlight()).isEqualTo(2);
    assertThat(dropped.loop.call(dropped.gate::inFlight)).isZero();
    assertThat(dropped.takeOnLoop(1)).as("a closed gate hands nothing over").isFalse();
  }

  @Test
  void aWaitingSessionThatClosesLeavesTheQueue() {
    InFlightBudget budget = new InFlightBudget(4, 2);
    Session busy = new Session(budget);
    Session leaving = new Session(budget);
    spendAll(busy, leaving);

    leaving.loop.run(leaving.gate::close);
    assertThat(budget.waiting()).isZero();
    busy.settleOnLoop(4);

    assertThat(budget.inFlight()).isZero();
    assertThat(leaving.roomOn.get()).isNull();
  }

  @Test
  void aSessionClosedAfterItWasWokenGivesBackThePermitSetAsideForIt() throws InterruptedException {
    InFlightBudget budget = new InFlightBudget(4, 2);
    Session busy = new Session(budget);
    Session closing = new Session(budget);
    spendAll(busy, closing);

    // hold the closing session's loop so that its wake-up queues behind the close
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch woken = new CountDownLatch(1);
    closing.context.runOnContext(v -> {
      holding.countDown();
      await(woken);
      closing.gate.close();
    });
    assertThat(holding.await(OnLoop.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    // given back from this thread: the busy session's loop may be the one held
    budget.release(2);
    assertThat(budget.waiting()).as("taken out of the queue, its permit on the way").isZero();
    assertThat(budget.inFlight()).isEqualTo(3);
    woken.countDown();

    closing.loop.until("the permit set aside came back", () -> budget.inFlight() == 2);
    assertThat(closing.roomOn.get()).isNull();
  }

  /** {@code busy} takes the whole budget of four, so {@code refused} is refused its first permit and queues. */
  private static void spendAll(Session busy, Session refused) {
    assertThat(busy.takeOnLoop(4)).isTrue();
    assertThat(refused.takeOnLoop(1)).as("the budget is spent").isFalse();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(OnLoop.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
