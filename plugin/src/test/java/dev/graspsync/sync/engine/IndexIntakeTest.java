package dev.graspsync.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.sync.fixtures.TestEvents;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On a real event loop: events offered in one burst reach the index as one batch, in order;
 * a batch that held the loop long makes the next ones smaller.
 */
class IndexIntakeTest {
  private final Vertx vertx = Vertx.vertx();
  private final List<List<String>> batches = new CopyOnWriteArrayList<>();
  private final List<Event> events = IntStream.range(0, IndexIntake.MAX_BATCH + 2)
      .mapToObj(i -> TestEvents.announcement(TestEvents.pubkey(1), "repo-" + i, 1_700_000_000L, List.of())).toList();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void eventsArrivingBeforeTheBatchsTurnJoinIt() throws Exception {
    Context context = vertx.getOrCreateContext();
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      IndexIntake intake = new IndexIntake(context, this::record);
      // each offer is a task of its own, as SyncCoordinator.offer queues them
      for (int i = 0; i < 3; i++) {
        Event e = event(i);
        context.runOnContext(w -> intake.add(e));
      }
      context.runOnContext(w -> context.runOnContext(x -> done.complete(null)));
    });
    done.get(10, TimeUnit.SECONDS);
    assertThat(batches).containsExactly(List.of(event(0).id(), event(1).id(), event(2).id()));
  }

  @Test
  void aFullBatchIsAppliedAtOnceAndAFlushAppliesWhatWaits() throws Exception {
    Context context = vertx.getOrCreateContext();
    CompletableFuture<Integer> seenInTheSameTask = new CompletableFuture<>();
    context.runOnContext(v -> {
      IndexIntake intake = new IndexIntake(context, this::record);
      IntStream.range(0, IndexIntake.MAX_BATCH + 2).forEach(i -> intake.add(event(i)));
      intake.flush();
      seenInTheSameTask.complete(batches.size());
    });
    assertThat(seenInTheSameTask.get(10, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(batches.get(0)).hasSize(IndexIntake.MAX_BATCH);
    assertThat(batches.get(1)).containsExactly(event(IndexIntake.MAX_BATCH).id(), event(IndexIntake.MAX_BATCH + 1).id());
  }

  @Test
  void aBatchThatHeldTheLoopLongMakesTheNextOnesSmallerAndCheapOnesGrowThemBack() throws Exception {
    Context context = vertx.getOrCreateContext();
    long[] now = {0};
    long[] perEvent = {IndexIntake.TARGET_NANOS}; // a slow start: one event fills the time box
    CompletableFuture<List<Integer>> limits = new CompletableFuture<>();
    context.runOnContext(v -> {
      IndexIntake intake = new IndexIntake(context, batch -> {
        record(batch);
        now[0] += perEvent[0] * batch.size();
      }, () -> now[0]);
      List<Integer> seen = new java.util.ArrayList<>();
      IntStream.range(0, IndexIntake.MAX_BATCH).forEach(i -> intake.add(event(i)));
      seen.add(intake.limit());
      intake.add(event(IndexIntake.MAX_BATCH)); // a batch of its own now
      perEvent[0] = IndexIntake.TARGET_NANOS / 4;
      intake.add(event(IndexIntake.MAX_BATCH + 1));
      seen.add(intake.limit());
      limits.complete(seen);
    });
    assertThat(limits.get(10, TimeUnit.SECONDS)).containsExactly(1, 4);
    assertThat(batches).hasSize(3);
    assertThat(batches.get(0)).hasSize(IndexIntake.MAX_BATCH);
    assertThat(batches.get(1)).containsExactly(event(IndexIntake.MAX_BATCH).id());
    assertThat(batches.get(2)).containsExactly(event(IndexIntake.MAX_BATCH + 1).id());
  }

  @Test
  void aBatchHoldsAsManyEventsAsFitTheTimeBoxAtTheLastCostPerEvent() {
    long target = IndexIntake.TARGET_NANOS;
    assertThat(IndexIntake.nextLimit(32, target / 10)).isEqualTo(IndexIntake.MAX_BATCH);
    assertThat(IndexIntake.nextLimit(32, target * 4)).isEqualTo(8);
    assertThat(IndexIntake.nextLimit(32, target * 100)).isEqualTo(1);
    assertThat(IndexIntake.nextLimit(1, 0)).isEqualTo(IndexIntake.MAX_BATCH);
  }

  private void record(List<Event> batch) {
    batches.add(batch.stream().map(Event::id).toList());
  }

  private Event event(int i) {
    return events.get(i);
  }
}
