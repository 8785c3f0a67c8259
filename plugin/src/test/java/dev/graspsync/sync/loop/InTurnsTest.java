package dev.graspsync.sync.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** On a real event loop: other tasks run between turns, and every step runs once, in order. */
class InTurnsTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void aTaskQueuedDuringTheFirstTurnRunsBeforeTheSecond() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    Context context = vertx.getOrCreateContext();
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(v -> InTurns.forEach(context, IntStream.range(0, 7).boxed().toList(), 3, i -> {
      seen.add("step " + i);
      if (i == 0) {
        context.runOnContext(w -> seen.add("other task"));
      }
    }).onComplete(ar -> done.complete(null)));
    done.get(10, TimeUnit.SECONDS);
    assertThat(seen).containsExactly("step 0", "step 1", "step 2", "other task", "step 3", "step 4", "step 5",
        "step 6");
  }

  @Test
  void aStepThatThrowsFailsTheRunAndTheRestDoNotRun() throws Exception {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    Context context = vertx.getOrCreateContext();
    CompletableFuture<Future<Void>> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      Future<Void> run = InTurns.forEach(context, List.of(1, 2, 3, 4, 5), 2, i -> {
        if (i == 3) {
          throw new IllegalStateException("three");
        }
        seen.add(i);
      });
      run.onComplete(ar -> done.complete(run));
    });
    Future<Void> run = done.get(10, TimeUnit.SECONDS);
    assertThat(run.failed()).isTrue();
    assertThat(run.cause()).hasMessage("three");
    assertThat(seen).containsExactly(1, 2);
  }

  @Test
  void nothingToDoCompletesAtOnce() {
    Context context = vertx.getOrCreateContext();
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    context.runOnContext(v -> done.complete(InTurns.forEach(context, List.of(), 4, i -> {}).succeeded()));
    assertThat(done.join()).isTrue();
  }
}
