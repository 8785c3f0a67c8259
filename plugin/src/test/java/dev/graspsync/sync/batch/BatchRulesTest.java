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
import org.junit.jupiter.api.Test;

class BatchRulesTest {
  private static final Paging.Decision DONE = new Paging.Decision.Done(Paging.Why.SHORT_PAGE);
  private final BatchRules rules = BatchRules.defaults();
  private final RelayUrl relay = RelayUrl.parse("wss://a.example").url().orElseThrow();
  private final Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
  private final ItemSet items = ItemSet.of(false, Set.of(new RepoRef(pubkey(1), "x")), Set.of(hex64(1)));

  /** One repository and one root event: state + 3 L2 + 3 L3 = 7 filters. */
  private Batch sentBatch() {
    return rules.sent(Batch.initial(1, relay, items, 100, t0), t0);
  }

  private Batch allButLastDone(Batch b) {
    for (int i = 0; i < b.filters().size() - 1; i++) {
      b = rules.onEose(b, i, DONE, t0).batch();
    }
    return b;
  }

  @Test
  void eoseOnEveryFilterCompletesTheBatch() {
    Batch b = sentBatch();
    assertThat(b.filters()).hasSize(7);
    assertThat(b.state()).isEqualTo(BatchState.OPEN);
    b = allButLastDone(b);
    assertThat(b.state()).isEqualTo(BatchState.OPEN);
    assertThat(b.unfinishedFilters()).containsExactly(6);
    BatchOutcome o = rules.onEose(b, 6, DONE, t0);
    assertThat(o).isInstanceOf(BatchOutcome.Completed.class);
    assertThat(o.batch().state()).isEqualTo(BatchState.COMPLETED);
    assertThat(o.batch().items()).isEqualTo(items);
  }

  @Test
  void aFullPageAsksForAnOlderPageBeforeTheFilterIsDone() {
    Batch b = sentBatch();
    BatchOutcome o = rules.onEose(b, 2, new Paging.Decision.NextPage(1_600_000_000L), t0.plusSeconds(5));
    assertThat(o).isEqualTo(new BatchOutcome.PageRequested(o.batch(), 2, 1_600_000_000L));
    assertThat(o.batch().progress().get(2)).isEqualTo(FilterProgress.PAGING);
    assertThat(o.batch().eoseDeadline()).contains(t0.plusSeconds(65));
    assertThat(rules.onEose(o.batch(), 2, DONE, t0).batch().progress().get(2)).isEqualTo(FilterProgress.DONE);
  }

  @Test
  void closedRateLimitedRetriesAfterTheCooldown() {
    Batch b = sentBatch();
    BatchOutcome o = rules.onClosed(b, 3, "rate-limited: slow down", false, t0);
    BatchOutcome.RetryScheduled r = (BatchOutcome.RetryScheduled) o;
    assertThat(r.at()).isEqualTo(t0.plusSeconds(65));
    assertThat(r.policy()).isEqualTo(RetryPolicy.AFTER_COOLDOWN);
    assertThat(r.batch().state()).isEqualTo(BatchState.WAITING_RETRY);
    assertThat(r.batch().attempt()).isEqualTo(2);
    assertThat(rules.due(r.batch(), t0.plusSeconds(64))).isFalse();
    assertThat(rules.due(r.batch(), t0.plusSeconds(65))).isTrue();
    Batch resent = rules.sent(r.batch(), t0.plusSeconds(65));
    assertThat(resent.state()).isEqualTo(BatchState.OPEN);
    assertThat(resent.unfinishedFilters()).hasSize(7);
  }

  @Test
  void eoseOfOtherFiltersDuringACooldownDoesNotReopenTheBatch() {
    Batch waiting = rules.onClosed(sentBatch(), 3, "rate-limited: later", false, t0).batch();
    Batch after = rules.onEose(waiting, 0, DONE, t0.plusSeconds(1)).batch();
    assertThat(after.state()).isEqualTo(BatchState.WAITING_RETRY);
    assertThat(after.retryAt()).isEqualTo(waiting.retryAt());
    assertThat(rules.sent(after, t0.plusSeconds(65)).unfinishedFilters()).doesNotContain(0).hasSize(6);
  }

  @Test
  void closedAuthRequiredAuthenticatesThenRetriesOnce() {
    BatchOutcome o = rules.onClosed(sentBatch(), 0, "auth-required: we only serve members", true, t0);
    assertThat(o).isInstanceOf(BatchOutcome.AuthenticationNeeded.class);
    assertThat(o.batch().state()).isEqualTo(BatchState.AWAITING_AUTH);
    BatchOutcome retry = rules.onAuthenticated(o.batch(), t0.plusSeconds(1));
    assertThat(retry).isInstanceOf(BatchOutcome.RetryScheduled.class);
    assertThat(((BatchOutcome.RetryScheduled) retry).policy()).isEqualTo(RetryPolicy.AFTER_AUTH);
    assertThat(rules.due(retry.batch(), t0.plusSeconds(1))).isTrue();
    Batch resent = rules.sent(retry.batch(), t0.plusSeconds(1));

    BatchOutcome again = rules.onClosed(resent, 0, "auth-required: still no", true, t0.plusSeconds(2));
    assertThat(again).isInstanceOf(BatchOutcome.Failed.class);
    assertThat(((BatchOutcome.Failed) again).policy()).isEqualTo(RetryPolicy.AT_NEXT_DAILY_RESYNC);
    assertThat(again.batch().state()).isEqualTo(BatchState.FAILED);
  }

  @Test
  void authRequiredWithoutAKeyFails() {
    BatchOutcome o = rules.onClosed(sentBatch(), 0, "auth-required: members only", false, t0);
    assertThat(o).isInstanceOf(BatchOutcome.Failed.class);
    assertThat(((BatchOutcome.Failed) o).reason()).contains("no key");
  }

  @Test
  void refusedAuthFails() {
    Batch awaiting = rules.onClosed(sentBatch(), 0, "auth-required: x", true, t0).batch();
    assertThat(rules.onAuthFailed(awaiting, "restricted: not a member")).isInstanceOf(BatchOutcome.Failed.class);
  }

  @Test
  void everyOtherClosedFailsTheBatchUntilTheDailyResync() {
    for (String msg : List.of("restricted: no", "blocked: you", "invalid: bad filter", "error: internal",
        "mute: x", "no prefix at all", "")) {
      BatchOutcome o = rules.onClosed(sentBatch(), 1, msg, true, t0);
      assertThat(o).as(msg).isInstanceOf(BatchOutcome.Failed.class);
      assertThat(((BatchOutcome.Failed) o).policy()).isEqualTo(RetryPolicy.AT_NEXT_DAILY_RESYNC);
      assertThat(o.batch().state().pending()).isFalse();
    }
  }

  @Test
  void noEoseInTimeRetriesWithBackoffThenFails() {
    Batch b = sentBatch();
    assertThat(rules.overdue(b, t0.plusSeconds(59))).isFalse();
    assertThat(rules.onEoseTimeout(b, t0.plusSeconds(59))).isEqualTo(new BatchOutcome.Waiting(b));
    Instant now = t0.plusSeconds(60);
    long[] expectedWaits = {5, 10, 20, 40};
    for (int attempt = 1; attempt <= 4; attempt++) {
      assertThat(rules.overdue(b, now)).isTrue();
      BatchOutcome.RetryScheduled r = (BatchOutcome.RetryScheduled) rules.onEoseTimeout(b, now);
      assertThat(r.policy()).isEqualTo(RetryPolicy.WITH_BACKOFF);
      assertThat(r.at()).isEqualTo(now.plusSeconds(expectedWaits[attempt - 1]));
      assertThat(r.batch().attempt()).isEqualTo(attempt + 1);
      now = r.at();
      b = rules.sent(r.batch(), now);
      now = now.plus(Duration.ofSeconds(60));
    }
    BatchOutcome last = rules.onEoseTimeout(b, now);
    assertThat(last).isInstanceOf(BatchOutcome.Failed.class);
    assertThat(((BatchOutcome.Failed) last).reason()).contains("after 5 attempts");
  }

  @Test
  void progressRestartsTheEoseClock() {
    Batch b = rules.onEose(sentBatch(), 0, DONE, t0.plusSeconds(50)).batch();
    assertThat(rules.overdue(b, t0.plusSeconds(100))).isFalse();
    assertThat(rules.overdue(b, t0.plusSeconds(110))).isTrue();
  }

  @Test
  void repeatedRateLimitsEndInFailure() {
    Batch b = sentBatch();
    Instant now = t0;
    BatchOutcome o = null;
    for (int i = 0; i < 5; i++) {
      o = rules.onClosed(b, 0, "rate-limited: no", false, now);
      if (o instanceof BatchOutcome.RetryScheduled r) {
        now = r.at();
        b = rules.sent(r.batch(), now);
      }
    }
    assertThat(o).isInstanceOf(BatchOutcome.Failed.class);
  }

  @Test
  void aDisconnectRequeuesEveryFilterWithoutChargingAnAttempt() {
    Batch b = rules.onEose(sentBatch(), 0, DONE, t0).batch();
    b = rules.onClosed(b, 1, "auth-required: x", true, t0).batch();
    Batch q = rules.onDisconnected(b);
    assertThat(q.state()).isEqualTo(BatchState.QUEUED);
    assertThat(q.unfinishedFilters()).hasSize(7);
    assertThat(q.attempt()).isEqualTo(b.attempt());
    assertThat(q.authAttempted()).isFalse();
  }

  @Test
  void closedOrEoseOnAFinishedFilterChangesNothing() {
    Batch b = rules.onEose(sentBatch(), 0, DONE, t0).batch();
    assertThat(rules.onClosed(b, 0, "error: gone", true, t0)).isEqualTo(new BatchOutcome.Waiting(b));
    assertThat(rules.onEose(b, 0, DONE, t0)).isEqualTo(new BatchOutcome.Waiting(b));
  }

  @Test
  void relayTextInReasonsIsSafeToLog() {
    BatchOutcome.Failed f = (BatchOutcome.Failed) rules.onClosed(sentBatch(), 0, "error: a\nb" + "x".repeat(500), true, t0);
    assertThat(f.reason()).doesNotContain("\n").hasSizeLessThan(260);
  }

  @Test
  void catchUpBatchesCarrySince() {
    Batch c = Batch.catchUp(2, relay, items, 100, 1_700_000_000L, t0);
    assertThat(c.purpose()).isEqualTo(BatchPurpose.CATCH_UP);
    assertThat(c.filters()).allSatisfy(f -> assertThat(f.filter().since()).hasValue(1_700_000_000L));
    assertThat(c.state()).isEqualTo(BatchState.QUEUED);
  }
}
