package dev.graspsync.sync.engine;

import dev.graspsync.sync.batch.CapacityRefusal;
import dev.graspsync.sync.session.SubscriptionOutcome;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a relay's answers teach about its capacity: a CLOSED about capacity, or a NOTICE saying
 * a message was too large, lowers this connection's {@link RelayLimits}, and the live
 * subscriptions are laid out again within the lower budget.
 */
final class CapacityLearning {
  private static final Logger log = LoggerFactory.getLogger(CapacityLearning.class);

  private final String url;
  private final RelayLimits limits;
  private final LiveSubscriptions live;

  CapacityLearning(String url, RelayLimits limits, LiveSubscriptions live) {
    this.url = url;
    this.limits = limits;
    this.live = live;
  }

  /**
   * A live REQ was refused: its filters lost their subscription, and a capacity refusal lays
   * everything out again.
   *
   * @return whether it was a refusal about capacity
   */
  boolean liveRefused(SubscriptionOutcome outcome, RequestShape shape) {
    if (!learn(outcome, shape)) {
      return false;
    }
    live.relayout(limits.budget());
    return true;
  }

  /** A history REQ's end: the live subscriptions are laid out again if what is open passes a lowered budget. */
  void historyEnded(SubscriptionOutcome outcome, RequestShape shape) {
    if (learn(outcome, shape)) {
      live.rebudget(limits.budget());
    }
  }

  /**
   * Some relays answer an oversize REQ with a NOTICE only, and the REQ dies without EOSE: a
   * NOTICE saying "too large" lowers the byte bound below the largest live REQ sent.
   */
  void notice(String message) {
    if (CapacityRefusal.classify(message).filter(k -> k == CapacityRefusal.TOO_LARGE).isEmpty()
        || live.largestRequestBytes() == 0) {
      return;
    }
    limits.tooLarge(live.largestRequestBytes());
    log.warn("{}: relay says a message was too large ({}); budget now {}", url, message, limits.budget());
    live.relayout(limits.budget());
  }

  /** @return whether {@code outcome} was a CLOSED about capacity, now in {@link RelayLimits} */
  private boolean learn(SubscriptionOutcome outcome, RequestShape shape) {
    if (!(outcome instanceof SubscriptionOutcome.Refused refused)) {
      return false;
    }
    Optional<CapacityRefusal> kind = CapacityRefusal.classify(refused.message());
    if (kind.isEmpty()) {
      return false;
    }
    limits.refused(kind.get(), shape);
    log.warn("{}: relay refused for capacity ({}); budget now {}", url, refused.message(), limits.budget());
    return true;
  }
}
