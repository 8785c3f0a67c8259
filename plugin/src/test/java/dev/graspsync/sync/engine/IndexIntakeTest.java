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

/** On a real event loop: events offered in one burst reach the index as one batch, in order. */
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

  private void record(List<Event> batch) {
    batches.add(batch.stream().map(Event::id).toList());
  }

  private Event event(int i) {
    return events.get(i);
  }
}
