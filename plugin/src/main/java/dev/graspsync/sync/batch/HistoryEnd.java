package dev.graspsync.sync.batch;

import dev.graspsync.sync.session.SubscriptionOutcome;

/**
 * How a history subscription covering some of a batch's filters ended, as far as the batch
 * cares. The relay session pages, authenticates and times out by itself
 * ({@link SubscriptionOutcome}); {@link #of} reads its outcome, {@link
 * BatchRules#onHistoryEnded} decides.
 */
public sealed interface HistoryEnd {

  /** Last page's EOSE: the filters' history is complete. */
  record Complete() implements HistoryEnd {}

  /** The page limit was reached with fresh events on every page: treated as complete, logged. */
  record PageLimitReached() implements HistoryEnd {}

  /** CLOSED {@code rate-limited:}. */
  record RateLimited(String message) implements HistoryEnd {}

  /** CLOSED {@code auth-required:} that the session's AUTH and single retry did not cure. */
  record AuthRequired(String message) implements HistoryEnd {}

  /**
   * A CLOSED that refuses for the relay's capacity ("blocked: at most 100 open subscriptions",
   * "too many filters", "message too large"), whatever its prefix: overload, not a refusal of
   * what was asked.
   */
  record OverCapacity(CapacityRefusal kind, String message) implements HistoryEnd {}

  /** Any other CLOSED. */
  record Refused(String message) implements HistoryEnd {}

  /** No EOSE (and no event) within the EOSE timeout. */
  record TimedOut() implements HistoryEnd {}

  /** The connection ended under it. */
  record Disconnected(String reason) implements HistoryEnd {}

  /** We closed it ourselves (consolidation, daily resync, relay dropped, shutdown). */
  record Cancelled() implements HistoryEnd {}

  static HistoryEnd of(SubscriptionOutcome outcome) {
    if (outcome instanceof SubscriptionOutcome.HistoryComplete) {
      return new Complete();
    }
    if (outcome instanceof SubscriptionOutcome.PageLimitReached) {
      return new PageLimitReached();
    }
    if (outcome instanceof SubscriptionOutcome.RateLimited r) {
      return new RateLimited(r.message());
    }
    if (outcome instanceof SubscriptionOutcome.AuthRequired a) {
      return new AuthRequired(a.message());
    }
    if (outcome instanceof SubscriptionOutcome.Refused r) {
      return CapacityRefusal.classify(r.message())
          .<HistoryEnd>map(kind -> new OverCapacity(kind, r.message()))
          .orElseGet(() -> new Refused(r.message()));
    }
    if (outcome instanceof SubscriptionOutcome.TimedOut) {
      return new TimedOut();
    }
    if (outcome instanceof SubscriptionOutcome.Disconnected d) {
      return new Disconnected(d.reason());
    }
    return new Cancelled();
  }
}
