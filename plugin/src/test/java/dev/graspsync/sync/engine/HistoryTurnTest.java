package dev.graspsync.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.permit.PermitQueue;
import dev.graspsync.sync.session.OnLoop;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Relays' turns at syncing history under a host-wide cap, each relay on its own event loop. */
class HistoryTurnTest {
  private final Vertx vertx = Vertx.vertx();
  private final PermitQueue turns = PermitQueue.slots(1);

  @AfterEach
  void stop() {
    OnLoop.await(vertx.close());
  }

  /** A relay's turn, used on its own context as its worker would. */
  private final class Relay {
    final Context context = vertx.getOrCreateContext();
    final AtomicInteger granted = new AtomicInteger();
    final HistoryTurn turn = new HistoryTurn(turns, context, granted::incrementAndGet);

    boolean mayProceed() {
      return onLoop(turn::mayProceed);
    }

    void done() {
      onLoop(() -> {
        turn.done();
        return true;
      });
    }

    private boolean onLoop(BooleanSupplier action) {
      Promise<Boolean> p = Promise.promise();
      context.runOnContext(v -> p.complete(action.getAsBoolean()));
      return OnLoop.await(p.future());
    }
  }

  @Test
  void aRelayPastTheCapWaitsAndGetsTheTurnOnItsOwnLoopWhenTheHolderIsDone() {
    Relay first = new Relay();
    Relay second = new Relay();
    assertThat(first.mayProceed()).isTrue();
    assertThat(second.mayProceed()).isFalse();
    assertThat(turns.waiting()).isEqualTo(1);
    assertThat(second.mayProceed()).as("asking again does not queue twice").isFalse();
    assertThat(turns.waiting()).isEqualTo(1);

    first.done();
    OnLoop.poll("the waiting relay was given the turn", () -> second.granted.get() == 1);
    assertThat(second.mayProceed()).isTrue();
    assertThat(turns.taken()).isEqualTo(1);
    second.done();
    assertThat(turns.taken()).isZero();
  }

  @Test
  void aRelayThatStopsWaitingLeavesTheQueueAndATurnSetAsideForItIsGivenBack() {
    Relay holder = new Relay();
    Relay leaving = new Relay();
    Relay next = new Relay();
    assertThat(holder.mayProceed()).isTrue();
    assertThat(leaving.mayProceed()).isFalse();
    assertThat(next.mayProceed()).isFalse();

    leaving.done();
    assertThat(turns.waiting()).isEqualTo(1);
    holder.done();
    OnLoop.poll("the next relay got the turn", () -> next.granted.get() == 1);
    assertThat(leaving.granted).hasValue(0);
    next.done();
    assertThat(turns.taken()).isZero();
  }
}
