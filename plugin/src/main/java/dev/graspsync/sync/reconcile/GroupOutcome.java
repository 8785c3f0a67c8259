package dev.graspsync.sync.reconcile;

import dev.graspsync.sync.session.SubscriptionOutcome;
import dev.graspsync.sync.session.SubscriptionStats;

/**
 * How a reconciled REQ group ends (pure). It stands for one REQ of the batch: the batch hears
 * {@link SubscriptionOutcome.HistoryComplete} once every filter is reconciled and every needed id
 * (and every filter that fell back to paged REQs) fetched to EOSE, so {@link
 * dev.graspsync.sync.batch.BatchRules} confirms it exactly as an EOSE'd REQ; or the first REQ or
 * reconciliation that did not complete, with what all of them received.
 */
public final class GroupOutcome {
  public static final SubscriptionStats NONE = new SubscriptionStats(0, 0, 0, 0, 0);

  private GroupOutcome() {}

  /** Whether a fetch ending like this lets the group go on to its next REQ. */
  public static boolean completes(SubscriptionOutcome outcome) {
    return outcome instanceof SubscriptionOutcome.HistoryComplete
        || outcome instanceof SubscriptionOutcome.PageLimitReached;
  }

  public static SubscriptionStats plus(SubscriptionStats a, SubscriptionStats b) {
    return new SubscriptionStats(a.received() + b.received(), a.delivered() + b.delivered(),
        a.duplicates() + b.duplicates(), a.unmatched() + b.unmatched(), a.pages() + b.pages());
  }

  public static SubscriptionOutcome complete(SubscriptionStats stats) {
    return new SubscriptionOutcome.HistoryComplete(stats);
  }

  /** {@code outcome} carrying the whole group's {@code stats} instead of its own. */
  public static SubscriptionOutcome withStats(SubscriptionOutcome outcome, SubscriptionStats stats) {
    if (outcome instanceof SubscriptionOutcome.HistoryComplete) {
      return new SubscriptionOutcome.HistoryComplete(stats);
    }
    if (outcome instanceof SubscriptionOutcome.RateLimited r) {
      return new SubscriptionOutcome.RateLimited(r.message(), stats);
    }
    if (outcome instanceof SubscriptionOutcome.AuthRequired a) {
      return new SubscriptionOutcome.AuthRequired(a.message(), a.authenticated(), stats);
    }
    if (outcome instanceof SubscriptionOutcome.Refused r) {
      return new SubscriptionOutcome.Refused(r.prefix(), r.message(), stats);
    }
    if (outcome instanceof SubscriptionOutcome.TimedOut t) {
      return new SubscriptionOutcome.TimedOut(t.after(), stats);
    }
    if (outcome instanceof SubscriptionOutcome.PageLimitReached) {
      return new SubscriptionOutcome.PageLimitReached(stats);
    }
    if (outcome instanceof SubscriptionOutcome.Disconnected d) {
      return new SubscriptionOutcome.Disconnected(d.reason(), stats);
    }
    return new SubscriptionOutcome.Cancelled(stats);
  }
}
