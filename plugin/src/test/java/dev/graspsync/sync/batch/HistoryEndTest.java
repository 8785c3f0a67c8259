package dev.graspsync.sync.batch;

import static dev.graspsync.sync.fixtures.TestEvents.hex64;
import static dev.graspsync.sync.fixtures.TestEvents.pubkey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.message.MachinePrefix;
import dev.graspsync.sync.index.RepoRef;
import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.relay.RelayUrl;
import dev.graspsync.sync.session.SubscriptionOutcome;
import dev.graspsync.sync.session.SubscriptionStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Batches driven by the relay session's subscription outcomes. */
class HistoryEndTest {
  private static final SubscriptionStats STATS = new SubscriptionStats(10, 10, 0, 0, 1);
  private final BatchRules rules = BatchRules.defaults();
  private final Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
  private final RelayUrl relay = RelayUrl.parse("wss://a.example").url().orElseThrow();

  private Batch sent() {
    ItemSet items = ItemSet.of(true, Set.of(new RepoRef(pubkey(1), "x")), Set.of(hex64(1)));
    return rules.sent(Batch.initial(9, relay, items, 100, t0), t0);
  }

  private static List<Integer> all(Batch b) {
    return IntStream.range(0, b.filters().size()).boxed().toList();
  }

  @Test
  void readsEverySessionOutcome() {
    assertThat(HistoryEnd.of(new SubscriptionOutcome.HistoryComplete(STATS))).isEqualTo(new HistoryEnd.Complete());
    assertThat(HistoryEnd.of(new SubscriptionOutcome.PageLimitReached(STATS))).isEqualTo(new HistoryEnd.PageLimitReached());
    assertThat(HistoryEnd.of(new SubscriptionOutcome.RateLimited("rate-limited: x", STATS)))
        .isEqualTo(new HistoryEnd.RateLimited("rate-limited: x"));
    assertThat(HistoryEnd.of(new SubscriptionOutcome.AuthRequired("auth-required: x", true, STATS)))
        .isEqualTo(new HistoryEnd.AuthRequired("auth-required: x"));
    assertThat(HistoryEnd.of(new SubscriptionOutcome.Refused(Optional.of(MachinePrefix.BLOCKED), "blocked: x", STATS)))
        .isEqualTo(new HistoryEnd.Refused("blocked: x"));
    String full = "blocked: at most 100 open subscriptions per connection; CLOSE one first";
    assertThat(HistoryEnd.of(new SubscriptionOutcome.Refused(Optional.of(MachinePrefix.BLOCKED), full, STATS)))
        .isEqualTo(new HistoryEnd.OverCapacity(CapacityRefusal.TOO_MANY_SUBSCRIPTIONS, full));
    assertThat(HistoryEnd.of(new SubscriptionOutcome.Refused(Optional.of(MachinePrefix.INVALID),
        "invalid: at most 20 filters per request", STATS)))
        .isEqualTo(new HistoryEnd.OverCapacity(CapacityRefusal.TOO_MANY_FILTERS, "invalid: at most 20 filters per request"));
    assertThat(HistoryEnd.of(new SubscriptionOutcome.Refused(Optional.empty(), "message too large", STATS)))
        .isEqualTo(new HistoryEnd.OverCapacity(CapacityRefusal.TOO_LARGE, "message too large"));
    assertThat(HistoryEnd.of(new SubscriptionOutcome.Refused(Optional.of(MachinePrefix.BLOCKED), "blocked: pubkey banned", STATS)))
        .isEqualTo(new HistoryEnd.Refused("blocked: pubkey banned"));
    assertThat(HistoryEnd.of(new SubscriptionOutcome.TimedOut(Duration.ofSeconds(60), STATS))).isEqualTo(new HistoryEnd.TimedOut());
    assertThat(HistoryEnd.of(new SubscriptionOutcome.Disconnected("reset", STATS))).isEqualTo(new HistoryEnd.Disconnected("reset"));
    assertThat(HistoryEnd.of(new SubscriptionOutcome.Cancelled(STATS))).isEqualTo(new HistoryEnd.Cancelled());
  }

  @Test
  void completeOnEverySubscriptionCompletesTheBatch() {
    Batch b = sent();
    List<Integer> idx = all(b);
    BatchOutcome half = rules.onHistoryEnded(b, idx.subList(0, 3), new HistoryEnd.Complete(), t0);
    assertThat(half).isInstanceOf(BatchOutcome.Waiting.class);
    BatchOutcome done = rules.onHistoryEnded(half.batch(), idx.subList(3, idx.size()), new HistoryEnd.PageLimitReached(), t0);
    assertThat(done).isInstanceOf(BatchOutcome.Completed.class);
  }

  @Test
  void closedNeverLeavesTheBatchPending() {
    assertThat(rules.onHistoryEnded(sent(), all(sent()), new HistoryEnd.Refused("restricted: no"), t0))
        .isInstanceOf(BatchOutcome.Failed.class);
    assertThat(rules.onHistoryEnded(sent(), all(sent()), new HistoryEnd.AuthRequired("auth-required: no"), t0))
        .isInstanceOf(BatchOutcome.Failed.class);
    BatchOutcome rl = rules.onHistoryEnded(sent(), all(sent()), new HistoryEnd.RateLimited("rate-limited: no"), t0);
    assertThat(((BatchOutcome.RetryScheduled) rl).at()).isEqualTo(t0.plusSeconds(65));
    BatchOutcome to = rules.onHistoryEnded(sent(), all(sent()), new HistoryEnd.TimedOut(), t0);
    assertThat(((BatchOutcome.RetryScheduled) to).at()).isEqualTo(t0.plusSeconds(5));
    BatchOutcome full = rules.onHistoryEnded(sent(), all(sent()),
        new HistoryEnd.OverCapacity(CapacityRefusal.TOO_MANY_SUBSCRIPTIONS, "blocked: at most 100 open subscriptions"), t0);
    assertThat(((BatchOutcome.RetryScheduled) full).at()).isEqualTo(t0.plusSeconds(5));
  }

  @Test
  void aSecondSubscriptionRateLimitedDoesNotChargeTwice() {
    Batch b = sent();
    Batch waiting = rules.onHistoryEnded(b, List.of(0), new HistoryEnd.RateLimited("rate-limited: a"), t0).batch();
    BatchOutcome second = rules.onHistoryEnded(waiting, List.of(1), new HistoryEnd.RateLimited("rate-limited: b"), t0.plusSeconds(1));
    assertThat(second).isEqualTo(new BatchOutcome.Waiting(waiting));
    assertThat(second.batch().attempt()).isEqualTo(2);
  }

  @Test
  void disconnectRequeuesAndCancelChangesNothing() {
    Batch b = sent();
    assertThat(rules.onHistoryEnded(b, all(b), new HistoryEnd.Disconnected("reset"), t0).batch().state())
        .isEqualTo(BatchState.QUEUED);
    assertThat(rules.onHistoryEnded(b, all(b), new HistoryEnd.Cancelled(), t0)).isEqualTo(new BatchOutcome.Waiting(b));
  }
}
