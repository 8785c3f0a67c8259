package dev.graspsync.sync.session;

import dev.graspsync.nostr.message.MachinePrefix;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a subscription ended. Every subscription ends exactly once, and its outcome is delivered
 * only after every event it delivered has settled (its listener future completed), so a
 * caller that confirms a batch on {@link HistoryComplete} never confirms events still being
 * ingested.
 */
public sealed interface SubscriptionOutcome {

  SubscriptionStats stats();

  /** Whether the subscription ended because of the relay or the connection (not us). */
  default boolean failed() {
    return !(this instanceof HistoryComplete) && !(this instanceof Cancelled);
  }

  /**
   * A history subscription reached EOSE on its last page: all history the relay would give,
   * but for the {@code unfinished} filters, whose paging stalled.
   */
  record HistoryComplete(SubscriptionStats stats, List<UnfinishedHistory> unfinished) implements SubscriptionOutcome {
    public HistoryComplete {
      unfinished = List.copyOf(unfinished);
    }

    public HistoryComplete(SubscriptionStats stats) {
      this(stats, List.of());
    }

    public long eventsReceived() {
      return stats.received();
    }

    public int pages() {
      return stats.pages();
    }
  }

  /** CLOSED {@code rate-limited:}; the caller cools down and retries. */
  record RateLimited(String message, SubscriptionStats stats) implements SubscriptionOutcome {}

  /**
   * CLOSED {@code auth-required:} that authenticating did not cure: no keys, no challenge within
   * the auth timeout, AUTH refused, or refused again after the one retry.
   *
   * @param authenticated whether the relay had accepted our AUTH when this was decided
   */
  record AuthRequired(String message, boolean authenticated, SubscriptionStats stats)
      implements SubscriptionOutcome {}

  /**
   * Any other CLOSED: {@code restricted:}, {@code blocked:}, {@code invalid:}, {@code error:},
   * another prefix, or none (empty prefix). {@link
   * dev.graspsync.sync.batch.CapacityRefusal#classify} tells a refusal for the relay's capacity
   * (too many subscriptions or filters, message too large) from the rest.
   */
  record Refused(Optional<MachinePrefix> prefix, String message, SubscriptionStats stats)
      implements SubscriptionOutcome {}

  /** Neither EOSE nor an event for {@code after} while we were reading. */
  record TimedOut(Duration after, SubscriptionStats stats) implements SubscriptionOutcome {}

  /**
   * The relay kept producing pages with fresh ids for {@code max-history-pages} pages; we
   * stopped asking. What was received was delivered; {@code unfinished} are the filters still
   * paging then ({@link UnfinishedHistory.Reason#PAGE_LIMIT}) and any that stalled before.
   */
  record PageLimitReached(SubscriptionStats stats, List<UnfinishedHistory> unfinished) implements SubscriptionOutcome {
    public PageLimitReached {
      unfinished = List.copyOf(unfinished);
    }

    public PageLimitReached(SubscriptionStats stats) {
      this(stats, List.of());
    }
  }

  /** The connection ended (not by us) while the subscription was open. */
  record Disconnected(String reason, SubscriptionStats stats) implements SubscriptionOutcome {}

  /** We ended it: {@link RelaySession#closeSubscription(String)} or {@link RelaySession#close()}. */
  record Cancelled(SubscriptionStats stats) implements SubscriptionOutcome {}
}
