package dev.graspsync.sync.reconcile;

import dev.graspsync.nostr.message.MachinePrefix;
import dev.graspsync.sync.session.NegEnd;
import dev.graspsync.sync.session.SubscriptionOutcome;
import java.util.Locale;
import java.util.Optional;

/**
 * What a reconciliation's end means (pure). The relay ended it ({@link NegEnd}) or its message
 * could not be read; the answer is to split the filter by time, to fetch the filter with paged
 * REQs (and perhaps stop trying NIP-77 on this connection), or to end the batch's REQ group with
 * an outcome like a REQ's, so rate limits, disconnects and cancellation are handled by {@link
 * dev.graspsync.sync.batch.BatchRules} exactly as for REQs.
 */
public sealed interface NegDecision {

  /** NEG-ERR "blocked: too many records": the relay's bound on records; reconcile the halves. */
  record Split() implements NegDecision {}

  /**
   * NEG-ERR "too many open reconciliations" (or subscriptions): the relay's bound on concurrent
   * ones; open fewer at once on this connection and try the filter again.
   */
  record Busy() implements NegDecision {}

  /**
   * Fetch this filter with paged REQs.
   *
   * @param remember whether the relay is taken as not speaking NIP-77 for the rest of the connection
   */
  record FallBack(FallbackReason reason, boolean remember) implements NegDecision {}

  /** End the REQ group the way a REQ ending like this would. */
  record EndGroup(SubscriptionOutcome outcome) implements NegDecision {}

  dev.graspsync.sync.session.SubscriptionStats NO_STATS = GroupOutcome.NONE;

  static NegDecision of(NegEnd end) {
    if (end instanceof NegEnd.Error e) {
      return busy(e.reason()) ? new Busy()
          : tooMany(e.reason()) ? new Split() : new FallBack(FallbackReason.NEG_ERR, true);
    }
    if (end instanceof NegEnd.Notice n) {
      // a rate-limit NOTICE is about our pace, not about the protocol
      return rateLimitWords(n.message())
          ? new EndGroup(new SubscriptionOutcome.RateLimited(n.message(), NO_STATS))
          : new FallBack(FallbackReason.NOTICE, true);
    }
    if (end instanceof NegEnd.TimedOut) {
      return new FallBack(FallbackReason.TIMEOUT, true);
    }
    if (end instanceof NegEnd.Closed c) {
      Optional<MachinePrefix> prefix = MachinePrefix.of(c.message());
      if (prefix.filter(p -> p == MachinePrefix.RATE_LIMITED).isPresent()) {
        return new EndGroup(new SubscriptionOutcome.RateLimited(c.message(), NO_STATS));
      }
      if (busy(c.message())) {
        return new Busy();
      }
      if (tooMany(c.message())) {
        return new Split();
      }
      // auth-required: the REQ path authenticates and retries; NIP-77 may work once authenticated
      boolean auth = prefix.filter(p -> p == MachinePrefix.AUTH_REQUIRED).isPresent();
      return new FallBack(FallbackReason.CLOSED, !auth);
    }
    if (end instanceof NegEnd.Disconnected d) {
      return new EndGroup(new SubscriptionOutcome.Disconnected(d.reason(), NO_STATS));
    }
    return new EndGroup(new SubscriptionOutcome.Cancelled(NO_STATS));
  }

  /** A NEG-MSG we could not read: a peer speaking another version, or garbage. Either way, REQs. */
  static NegDecision unreadable(boolean otherVersion) {
    return new FallBack(otherVersion ? FallbackReason.VERSION : FallbackReason.MALFORMED, true);
  }

  /** The host refused the local set ({@code tooMany}: more items than our bound) or failed reading it. */
  static NegDecision localSetFailed(boolean tooMany) {
    return tooMany ? new Split() : new FallBack(FallbackReason.LOCAL_SET, false);
  }

  /** "blocked: too many records", "too many items", "too big": a bound on the set's size. */
  static boolean tooMany(String reason) {
    String t = reason.toLowerCase(Locale.ROOT);
    boolean sizeBound = t.contains("too many") || t.contains("too big") || t.contains("too large");
    // too many filters is a malformed request for this relay, not a size; splitting would not help
    return sizeBound && !busy(reason) && !t.contains("filters");
  }

  /** "too many open reconciliations", "too many concurrent subscriptions": capacity, not size. */
  static boolean busy(String reason) {
    String t = reason.toLowerCase(Locale.ROOT);
    return (t.contains("too many") || t.contains("at most"))
        && (t.contains("open") || t.contains("concurrent") || t.contains("subscription") || t.contains("session")
            || t.contains("reconciliations"));
  }

  private static boolean rateLimitWords(String notice) {
    String t = notice.toLowerCase(Locale.ROOT);
    return (t.contains("rate") && t.contains("limit")) || t.contains("slow down") || t.contains("throttl");
  }
}
