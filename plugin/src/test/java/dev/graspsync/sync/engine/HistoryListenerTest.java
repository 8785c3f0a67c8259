package dev.graspsync.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.message.MachinePrefix;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sync.batch.Batch;
import dev.graspsync.sync.batch.BatchOutcome;
import dev.graspsync.sync.batch.BatchRules;
import dev.graspsync.sync.batch.RetryPolicy;
import dev.graspsync.sync.index.RepoRef;
import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.relay.RelayUrl;
import dev.graspsync.sync.session.SubscriptionOutcome;
import dev.graspsync.sync.session.UnfinishedHistory;
import dev.graspsync.sync.session.SubscriptionStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every way a history subscription can end moves its batch on: none leaves it pending for ever. */
class HistoryListenerTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  private static final SubscriptionStats STATS = new SubscriptionStats(3, 3, 0, 0, 1);
  private final BatchRules rules = BatchRules.defaults();
  private final RelayUrl relay = RelayUrl.parse("wss://relay.example").url().orElseThrow();
  private final ItemSet items = ItemSet.of(true,
      List.of(RepoRef.of("a".repeat(64), "repo").orElseThrow()), List.of("b".repeat(64)));
  private final Batch sent = rules.sent(Batch.initial(1, relay, items, 100, NOW), NOW);

  @Test
  void eoseCompletesEveryFilterOfTheBatch() {
    BatchOutcome out = HistoryListener.transition(rules, sent, new SubscriptionOutcome.HistoryComplete(STATS), NOW);
    assertThat(out).isInstanceOf(BatchOutcome.Completed.class);
    assertThat(out.batch().allDone()).isTrue();
  }

  @Test
  void aBatchSplitOverSeveralRequestsCompletesWhenTheLastOneEnds() {
    int n = sent.filters().size();
    List<Integer> first = java.util.stream.IntStream.range(0, n / 2).boxed().toList();
    List<Integer> rest = java.util.stream.IntStream.range(n / 2, n).boxed().toList();
    BatchOutcome half = HistoryListener.transition(rules, sent, first, new SubscriptionOutcome.HistoryComplete(STATS), NOW);
    assertThat(half).isInstanceOf(BatchOutcome.Waiting.class);
    assertThat(half.batch().unfinishedFilters()).isEqualTo(rest);
    BatchOutcome all = HistoryListener.transition(rules, half.batch(), rest,
        new SubscriptionOutcome.HistoryComplete(STATS), NOW);
    assertThat(all).isInstanceOf(BatchOutcome.Completed.class);
  }

  @Test
  void pageLimitStillCompletesWhatWasDelivered() {
    BatchOutcome out = HistoryListener.transition(rules, sent, new SubscriptionOutcome.PageLimitReached(STATS), NOW);
    assertThat(out).isInstanceOf(BatchOutcome.Completed.class);
  }

  @Test
  void filtersThatStoppedShortAreReportedWhateverTheBatchDoes() {
    Filter crowded = Filter.builder().kinds(1).build().withUntil(1_700_000_000L);
    UnfinishedHistory sameSecond = new UnfinishedHistory(crowded, UnfinishedHistory.Reason.SAME_SECOND);
    UnfinishedHistory pageLimit = new UnfinishedHistory(crowded, UnfinishedHistory.Reason.PAGE_LIMIT);

    assertThat(HistoryListener.unfinished(new SubscriptionOutcome.HistoryComplete(STATS, List.of(sameSecond))))
        .containsExactly(sameSecond);
    assertThat(HistoryListener.unfinished(new SubscriptionOutcome.PageLimitReached(STATS, List.of(sameSecond, pageLimit))))
        .containsExactly(sameSecond, pageLimit);
    assertThat(HistoryListener.unfinished(new SubscriptionOutcome.TimedOut(java.time.Duration.ofSeconds(1), STATS)))
        .isEmpty();
  }

  @Test
  void rateLimitedIsRetriedAfterTheCooldown() {
    BatchOutcome out = HistoryListener.transition(rules, sent,
        new SubscriptionOutcome.RateLimited("rate-limited: slow down", STATS), NOW);
    assertThat(out).isInstanceOfSatisfying(BatchOutcome.RetryScheduled.class, r -> {
      assertThat(r.policy()).isEqualTo(RetryPolicy.AFTER_COOLDOWN);
      assertThat(r.at()).isEqualTo(NOW.plus(rules.rateLimitCooldown()));
    });
  }

  @Test
  void rateLimitedWithoutPrefixInTheMessageIsStillARateLimit() {
    BatchOutcome out = HistoryListener.transition(rules, sent, new SubscriptionOutcome.RateLimited("slow down", STATS), NOW);
    assertThat(out).isInstanceOf(BatchOutcome.RetryScheduled.class);
  }

  @Test
  void refusedFailsTheBatchUntilTheDailyResync() {
    BatchOutcome out = HistoryListener.transition(rules, sent,
        new SubscriptionOutcome.Refused(Optional.of(MachinePrefix.RESTRICTED), "restricted: members only", STATS), NOW);
    assertThat(out).isInstanceOfSatisfying(BatchOutcome.Failed.class,
        f -> assertThat(f.policy()).isEqualTo(RetryPolicy.AT_NEXT_DAILY_RESYNC));
  }

  @Test
  void authThatDidNotCureFailsTheBatch() {
    BatchOutcome out = HistoryListener.transition(rules, sent,
        new SubscriptionOutcome.AuthRequired("auth-required: who are you", false, STATS), NOW);
    assertThat(out).isInstanceOf(BatchOutcome.Failed.class);
  }

  @Test
  void noEoseIsRetriedWithBackoffEvenBeforeTheBatchDeadline() {
    BatchOutcome out = HistoryListener.transition(rules, sent,
        new SubscriptionOutcome.TimedOut(Duration.ofSeconds(60), STATS), NOW.plusSeconds(1));
    assertThat(out).isInstanceOfSatisfying(BatchOutcome.RetryScheduled.class,
        r -> assertThat(r.policy()).isEqualTo(RetryPolicy.WITH_BACKOFF));
  }

  @Test
  void timeoutsEndInFailureOnceAttemptsRunOut() {
    Batch b = sent;
    BatchOutcome out = null;
    for (int i = 0; i < rules.maxAttempts(); i++) {
      out = HistoryListener.transition(rules, b, new SubscriptionOutcome.TimedOut(Duration.ofSeconds(60), STATS), NOW);
      b = rules.sent(out.batch(), NOW);
    }
    assertThat(out).isInstanceOf(BatchOutcome.Failed.class);
  }

  @Test
  void aDisconnectLeavesTheBatchForTheReconnect() {
    BatchOutcome out = HistoryListener.transition(rules, sent, new SubscriptionOutcome.Disconnected("reset", STATS), NOW);
    assertThat(out).isInstanceOf(BatchOutcome.Waiting.class);
  }
}
