package dev.graspsync.sync.batch;

import static dev.graspsync.sync.fixtures.TestEvents.hex64;
import static dev.graspsync.sync.fixtures.TestEvents.pubkey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.index.RepoRef;
import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.relay.RelayUrl;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchRulesTest {
  private final BatchRules rules = BatchRules.defaults();
  private final RelayUrl relay = RelayUrl.parse("wss://a.example").url().orElseThrow();
  private final Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
  private final ItemSet items = ItemSet.of(false, Set.of(new RepoRef(pubkey(1), "x")), Set.of(hex64(1)));

  /** One repository and one root event: state + 3 L2 + 3 L3 = 7 filters. */
  private Batch sentBatch() {
    return rules.sent(Batch.initial(1, relay, items, 100, t0), t0);
  }

  private static List<Integer> all(Batch b) {
    return IntStream.range(0, b.filters().size()).boxed().toList();
  }

  @Test
  void historyCompleteOnEveryFilterCompletesTheBatch() {
    Batch b = sentBatch();
    assertThat(b.filters()).hasSize(7);
    BatchOutcome partly = rules.onHistoryEnded(b, List.of(0, 1, 2), new HistoryEnd.Complete(), t0);
    assertThat(partly).isInstanceOf(BatchOutcome.Waiting.class);
    assertThat(partly.batch().unfinishedFilters()).containsExactly(3, 4, 5, 6);
    BatchOutcome rest = rules.onHistoryEnded(partly.batch(), List.of(3, 4, 5, 6), new HistoryEnd.Complete(), t0);
    assertThat(rest).isInstanceOf(BatchOutcome.Completed.class);
    assertThat(rest.batch().state()).isEqualTo(BatchState.COMPLETED);
  }

  /**
   * Issue 17's audit: a batch split over REQs, one timing out while another completes, retries
   * exactly the timed-out REQ's filters, and completes only once those end too; an end for the
   * completed REQ's filters in between completes nothing else.
   */
  @Test
  void aRetryResendsOnlyTheFiltersWhoseRequestDidNotComplete() {
    Batch b = sentBatch();
    BatchOutcome timedOut = rules.onHistoryEnded(b, List.of(3, 4, 5, 6), new HistoryEnd.TimedOut(), t0);
    assertThat(timedOut).isInstanceOf(BatchOutcome.RetryScheduled.class);
    BatchOutcome firstDone = rules.onHistoryEnded(timedOut.batch(), List.of(0, 1, 2), new HistoryEnd.Complete(), t0);
    assertThat(firstDone).isInstanceOf(BatchOutcome.Waiting.class);
    BatchOutcome again = rules.onHistoryEnded(firstDone.batch(), List.of(0, 1, 2), new HistoryEnd.Complete(), t0);
    assertThat(again.batch().unfinishedFilters()).containsExactly(3, 4, 5, 6);

    Instant later = t0.plus(Duration.ofMinutes(1));
    Batch resent = rules.sent(again.batch(), later);
    assertThat(resent.unfinishedFilters()).containsExactly(3, 4, 5, 6);
    assertThat(resent.progress().subList(0, 3)).containsOnly(FilterProgress.DONE);
    assertThat(rules.onHistoryEnded(resent, List.of(3, 4, 5, 6), new HistoryEnd.Complete(), later))
        .isInstanceOf(BatchOutcome.Completed.class);
  }

  @Test
  void rateLimitedRetriesAfterTheCooldownAndCountsAnAttempt() {
    BatchOutcome o = rules.onHistoryEnded(sentBatch(), all(sentBatch()), new HistoryEnd.RateLimited("rate-limited: slow"), t0);
    assertThat(o).isInstanceOfSatisfying(BatchOutcome.RetryScheduled.class, r -> {
      assertThat(r.at()).isEqualTo(t0.plus(rules.rateLimitCooldown()));
      assertThat(r.batch().attempt()).isEqualTo(2);
      assertThat(r.batch().state()).isEqualTo(BatchState.WAITING_RETRY);
    });
  }

  @Test
  void aSecondProblemWhileARetryIsScheduledChargesNothing() {
    Batch waiting = rules.onHistoryEnded(sentBatch(), List.of(0), new HistoryEnd.RateLimited("rate-limited: x"), t0).batch();
    BatchOutcome again = rules.onHistoryEnded(waiting, List.of(1), new HistoryEnd.TimedOut(), t0);
    assertThat(again).isEqualTo(new BatchOutcome.Waiting(waiting));
  }

  @Test
  void refusedAndUncuredAuthFailUntilTheDailyResync() {
    for (HistoryEnd end : List.of(new HistoryEnd.Refused("restricted: members"), new HistoryEnd.Refused("blocked: no"),
        new HistoryEnd.Refused("error: x"), new HistoryEnd.Refused("no prefix at all"),
        new HistoryEnd.AuthRequired("auth-required: who"))) {
      BatchOutcome o = rules.onHistoryEnded(sentBatch(), all(sentBatch()), end, t0);
      assertThat(o).as(end.toString()).isInstanceOfSatisfying(BatchOutcome.Failed.class,
          f -> assertThat(f.policy()).isEqualTo(RetryPolicy.AT_NEXT_DAILY_RESYNC));
    }
  }

  @Test
  void noEoseRetriesWithGrowingBackoffThenFails() {
    Batch b = sentBatch();
    Instant now = t0;
    List<Duration> waits = new java.util.ArrayList<>();
    BatchOutcome o = null;
    for (int i = 0; i < rules.maxAttempts(); i++) {
      o = rules.onHistoryEnded(b, all(b), new HistoryEnd.TimedOut(), now);
      if (o instanceof BatchOutcome.RetryScheduled r) {
        waits.add(Duration.between(now, r.at()));
        now = r.at();
        b = rules.sent(r.batch(), now);
      }
    }
    assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
        Duration.ofSeconds(40));
    assertThat(o).isInstanceOf(BatchOutcome.Failed.class);
  }

  @Test
  void aCapacityRefusalIsOverloadRetriedWithGrowingBackoffThenFails() {
    HistoryEnd full = new HistoryEnd.OverCapacity(CapacityRefusal.TOO_MANY_SUBSCRIPTIONS,
        "blocked: at most 100 open subscriptions per connection; CLOSE one first");
    Batch b = sentBatch();
    Instant now = t0;
    List<Duration> waits = new java.util.ArrayList<>();
    BatchOutcome o = null;
    for (int i = 0; i < rules.maxAttempts(); i++) {
      o = rules.onHistoryEnded(b, all(b), full, now);
      if (o instanceof BatchOutcome.RetryScheduled r) {
        assertThat(r.policy()).isEqualTo(RetryPolicy.AFTER_CAPACITY_BACKOFF);
        assertThat(r.reason()).isEqualTo("CLOSED blocked: at most 100 open subscriptions per connection; CLOSE one first");
        assertThat(r.batch().attempt()).isEqualTo(i + 2);
        assertThat(r.batch().lastProblem()).hasValue(r.reason());
        waits.add(Duration.between(now, r.at()));
        now = r.at();
        b = rules.sent(r.batch(), now);
      }
    }
    assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
        Duration.ofSeconds(40));
    assertThat(o).isInstanceOfSatisfying(BatchOutcome.Failed.class, f -> {
      assertThat(f.policy()).isEqualTo(RetryPolicy.AT_NEXT_DAILY_RESYNC);
      assertThat(f.reason()).startsWith("CLOSED blocked: at most 100 open subscriptions").endsWith("(after 5 attempts)");
    });
  }

  @Test
  void everyKindOfCapacityRefusalIsRetriedNotParked() {
    for (CapacityRefusal kind : CapacityRefusal.values()) {
      BatchOutcome o = rules.onHistoryEnded(sentBatch(), all(sentBatch()), new HistoryEnd.OverCapacity(kind, "x"), t0);
      assertThat(o).as(kind.name()).isInstanceOfSatisfying(BatchOutcome.RetryScheduled.class,
          r -> assertThat(r.at()).isEqualTo(t0.plus(rules.baseBackoff())));
    }
  }

  @Test
  void aDisconnectRequeuesEveryFilterWithoutChargingAnAttempt() {
    Batch b = rules.onHistoryEnded(sentBatch(), List.of(0), new HistoryEnd.Complete(), t0).batch();
    BatchOutcome o = rules.onHistoryEnded(b, List.of(1, 2, 3, 4, 5, 6), new HistoryEnd.Disconnected("reset"), t0);
    assertThat(o.batch().state()).isEqualTo(BatchState.QUEUED);
    assertThat(o.batch().unfinishedFilters()).hasSize(7);
    assertThat(o.batch().attempt()).isEqualTo(b.attempt());
  }

  @Test
  void anEndOnFinishedFiltersOrACancelledSubscriptionChangesNothing() {
    Batch b = rules.onHistoryEnded(sentBatch(), List.of(0), new HistoryEnd.Complete(), t0).batch();
    assertThat(rules.onHistoryEnded(b, List.of(0), new HistoryEnd.Refused("error: gone"), t0))
        .isEqualTo(new BatchOutcome.Waiting(b));
    assertThat(rules.onHistoryEnded(b, all(b), new HistoryEnd.Cancelled(), t0)).isEqualTo(new BatchOutcome.Waiting(b));
  }

  @Test
  void relayTextInReasonsIsSafeToLog() {
    BatchOutcome.Failed f = (BatchOutcome.Failed) rules.onHistoryEnded(sentBatch(), List.of(0),
        new HistoryEnd.Refused("error: a\nb" + "x".repeat(500)), t0);
    assertThat(f.reason()).doesNotContain("\n").hasSizeLessThan(260);
  }

  @Test
  void aRetryIsDueAtItsTimeAndNotBefore() {
    Batch waiting = rules.onHistoryEnded(sentBatch(), List.of(0), new HistoryEnd.TimedOut(), t0).batch();
    Instant at = waiting.retryAt().orElseThrow();
    assertThat(rules.due(waiting, at.minusMillis(1))).isFalse();
    assertThat(rules.due(waiting, at)).isTrue();
    assertThat(rules.due(sentBatch(), at)).isFalse();
  }

  @Test
  void catchUpBatchesCarrySince() {
    Batch c = Batch.catchUp(2, relay, items, 100, 1_700_000_000L, t0);
    assertThat(c.purpose()).isEqualTo(BatchPurpose.CATCH_UP);
    assertThat(c.filters()).allSatisfy(f -> assertThat(f.filter().since()).hasValue(1_700_000_000L));
    assertThat(c.state()).isEqualTo(BatchState.QUEUED);
  }
}
