package dev.graspsync.sync.session;

import java.util.Optional;

/** The state of one subscription of a session, from open to the delivery of its outcome. */
final class OpenSubscription {
  enum Kind { HISTORY, LIVE }

  static final long NO_TIMER = -1;

  final String id;
  final Kind kind;
  final SubscriptionListener listener;
  final BoundedIdSet delivered;

  /** The REQ id on the wire now; "" while off the wire (waiting for AUTH, or ended). */
  String wireId = "";
  PageTally page;
  final PagingRun paging = new PagingRun();
  long received;
  long deliveredCount;
  long duplicates;
  long unmatched;
  int pages;
  int inFlight;
  long timerId = NO_TIMER;
  long timerGeneration;
  boolean progressSinceArmed;
  boolean authRetried;
  boolean awaitingAuth;
  String authMessage = "";
  boolean liveAnnounced;
  Optional<SubscriptionOutcome> ending = Optional.empty();
  boolean told;

  OpenSubscription(String id, Kind kind, SubscriptionListener listener, PageTally page, int dedupeCapacity) {
    this.id = id;
    this.kind = kind;
    this.listener = listener;
    this.page = page;
    this.delivered = new BoundedIdSet(dedupeCapacity);
  }

  boolean onWire() {
    return !wireId.isEmpty();
  }

  boolean ended() {
    return ending.isPresent();
  }

  SubscriptionStats stats() {
    return new SubscriptionStats(received, deliveredCount, duplicates, unmatched, pages);
  }
}
