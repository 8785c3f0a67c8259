package dev.graspsync.sync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.session.NegEnd;
import dev.graspsync.sync.session.SubscriptionOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NegDecisionTest {

  @Test
  void blockedTooManyRecordsSplitsTheFilter() {
    assertThat(NegDecision.of(new NegEnd.Error("blocked: too many records"))).isEqualTo(new NegDecision.Split());
    assertThat(NegDecision.of(new NegEnd.Error("blocked: negentropy query too big"))).isEqualTo(new NegDecision.Split());
  }

  @Test
  void otherNegErrFallsBackForTheConnection() {
    assertThat(NegDecision.of(new NegEnd.Error("blocked: negentropy (NIP-77) is not supported by this relay yet")))
        .isEqualTo(new NegDecision.FallBack(FallbackReason.NEG_ERR, true));
    assertThat(NegDecision.of(new NegEnd.Error("closed: idle timeout")))
        .isEqualTo(new NegDecision.FallBack(FallbackReason.NEG_ERR, true));
  }

  @Test
  void tooManyOpenIsCapacityNotASizeBound() {
    assertThat(NegDecision.of(new NegEnd.Error("blocked: too many open reconciliations (at most 4)")))
        .isEqualTo(new NegDecision.Busy());
    assertThat(NegDecision.of(new NegEnd.Error("blocked: too many concurrent subscriptions")))
        .isEqualTo(new NegDecision.Busy());
    assertThat(NegDecision.of(new NegEnd.Closed("error: too many concurrent REQs"))).isEqualTo(new NegDecision.Busy());
    assertThat(NegDecision.of(new NegEnd.Error("blocked: too many filters")))
        .isEqualTo(new NegDecision.FallBack(FallbackReason.NEG_ERR, true));
  }

  @Test
  void aNoticeOrSilenceMeansNoNip77() {
    assertThat(NegDecision.of(new NegEnd.Notice("invalid: unknown message type NEG-OPEN")))
        .isEqualTo(new NegDecision.FallBack(FallbackReason.NOTICE, true));
    assertThat(NegDecision.of(new NegEnd.TimedOut(Duration.ofSeconds(10))))
        .isEqualTo(new NegDecision.FallBack(FallbackReason.TIMEOUT, true));
  }

  @Test
  void aRateLimitEndsTheGroupLikeARateLimitedReq() {
    assertThat(NegDecision.of(new NegEnd.Notice("rate limited, slow down")))
        .isEqualTo(new NegDecision.EndGroup(new SubscriptionOutcome.RateLimited("rate limited, slow down", GroupOutcome.NONE)));
    assertThat(NegDecision.of(new NegEnd.Closed("rate-limited: easy")))
        .isEqualTo(new NegDecision.EndGroup(new SubscriptionOutcome.RateLimited("rate-limited: easy", GroupOutcome.NONE)));
  }

  @Test
  void closedFallsBackAndAuthIsNotRememberedAsNoNip77() {
    assertThat(NegDecision.of(new NegEnd.Closed("restricted: members only")))
        .isEqualTo(new NegDecision.FallBack(FallbackReason.CLOSED, true));
    assertThat(NegDecision.of(new NegEnd.Closed("auth-required: who are you")))
        .isEqualTo(new NegDecision.FallBack(FallbackReason.CLOSED, false));
  }

  @Test
  void theConnectionEndingEndsTheGroupAsForAReq() {
    assertThat(NegDecision.of(new NegEnd.Disconnected("reset")))
        .isEqualTo(new NegDecision.EndGroup(new SubscriptionOutcome.Disconnected("reset", GroupOutcome.NONE)));
    assertThat(NegDecision.of(new NegEnd.Cancelled()))
        .isEqualTo(new NegDecision.EndGroup(new SubscriptionOutcome.Cancelled(GroupOutcome.NONE)));
  }

  @Test
  void unreadableMessagesFallBackNamingWhy() {
    assertThat(NegDecision.unreadable(true)).isEqualTo(new NegDecision.FallBack(FallbackReason.VERSION, true));
    assertThat(NegDecision.unreadable(false)).isEqualTo(new NegDecision.FallBack(FallbackReason.MALFORMED, true));
  }

  @Test
  void aLocalSetOverTheHostsBoundSplitsOtherFailuresFallBackOnce() {
    assertThat(NegDecision.localSetFailed(true)).isEqualTo(new NegDecision.Split());
    assertThat(NegDecision.localSetFailed(false))
        .isEqualTo(new NegDecision.FallBack(FallbackReason.LOCAL_SET, false));
  }
}
