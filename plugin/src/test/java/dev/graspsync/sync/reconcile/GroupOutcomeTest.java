package dev.graspsync.sync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.batch.Batch;
import dev.graspsync.sync.batch.BatchOutcome;
import dev.graspsync.sync.batch.BatchRules;
import dev.graspsync.sync.batch.HistoryEnd;
import dev.graspsync.sync.index.RepoRef;
import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.relay.RelayUrl;
import dev.graspsync.sync.session.SubscriptionOutcome;
import dev.graspsync.sync.session.SubscriptionStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroupOutcomeTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final BatchRules rules = BatchRules.defaults();

  @Test
  void aReconciledGroupConfirmsItsBatchLikeAnEosedReq() {
    Batch b = rules.sent(batch(), NOW);
    SubscriptionOutcome reconciled = GroupOutcome.complete(new SubscriptionStats(3, 3, 0, 0, 2));

    BatchOutcome next = rules.onHistoryEnded(b, b.unfinishedFilters(), HistoryEnd.of(reconciled), NOW);

    assertThat(next).isInstanceOf(BatchOutcome.Completed.class);
  }

  @Test
  void aFetchThatDidNotCompleteEndsTheGroupWithItsOutcomeAndTheGroupsStats() {
    SubscriptionStats group = GroupOutcome.plus(new SubscriptionStats(5, 4, 1, 0, 1), new SubscriptionStats(2, 2, 0, 0, 1));
    SubscriptionOutcome limited = GroupOutcome.withStats(
        new SubscriptionOutcome.RateLimited("rate-limited: later", new SubscriptionStats(2, 2, 0, 0, 1)), group);

    assertThat(limited).isEqualTo(new SubscriptionOutcome.RateLimited("rate-limited: later", new SubscriptionStats(7, 6, 1, 0, 2)));
    assertThat(GroupOutcome.completes(limited)).isFalse();
    Batch b = rules.sent(batch(), NOW);
    assertThat(rules.onHistoryEnded(b, b.unfinishedFilters(), HistoryEnd.of(limited), NOW))
        .isInstanceOf(BatchOutcome.RetryScheduled.class);
  }

  @Test
  void everyOutcomeKeepsItsKindWithTheGroupsStats() {
    SubscriptionStats s = new SubscriptionStats(9, 9, 0, 0, 3);
    List<SubscriptionOutcome> all = List.of(
        new SubscriptionOutcome.HistoryComplete(GroupOutcome.NONE),
        new SubscriptionOutcome.AuthRequired("auth-required: x", true, GroupOutcome.NONE),
        new SubscriptionOutcome.Refused(Optional.empty(), "no", GroupOutcome.NONE),
        new SubscriptionOutcome.TimedOut(Duration.ofSeconds(1), GroupOutcome.NONE),
        new SubscriptionOutcome.PageLimitReached(GroupOutcome.NONE),
        new SubscriptionOutcome.Disconnected("gone", GroupOutcome.NONE),
        new SubscriptionOutcome.Cancelled(GroupOutcome.NONE));
    for (SubscriptionOutcome o : all) {
      SubscriptionOutcome with = GroupOutcome.withStats(o, s);
      assertThat(with).hasSameClassAs(o);
      assertThat(with.stats()).isEqualTo(s);
    }
    assertThat(GroupOutcome.completes(all.get(0))).isTrue();
    assertThat(GroupOutcome.completes(all.get(4))).isTrue();
  }

  private static Batch batch() {
    RelayUrl relay = RelayUrl.parse("wss://relay.example.com").url().orElseThrow();
    ItemSet items = ItemSet.of(true, List.of(RepoRef.of("a".repeat(64), "repo").orElseThrow()), List.of("b".repeat(64)));
    return Batch.initial(1, relay, items, 100, NOW);
  }
}
