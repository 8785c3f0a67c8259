package dev.graspsync.sync.status;

import dev.graspsync.sync.health.ConnectionState;
import dev.graspsync.sync.health.Health;
import java.time.Instant;
import java.util.Optional;

/**
 * One external relay as an operator sees it: connection, health, how much of its work is
 * confirmed, pending or parked, and what went wrong last.
 *
 * @param confirmedItems repositories, root events and L1 whose history this relay delivered
 * @param parkedItems items whose batch failed; retried at the next daily resync
 * @param lastProblem the last connection failure, drop or batch failure, made safe for display
 * @param nextAttempt when the next connection attempt is due, while disconnected
 * @param subscriptionLimit subscriptions this connection may hold (threshold, NIP-11, refusals)
 * @param liveOverflowFilters filters without a live subscription, polled every minute instead
 * @param nip77 what this connection knows of the relay's NIP-77: {@code unknown} (not tried),
 *     {@code advertised} (NIP-11 lists 77), {@code yes} (it answered NEG-OPEN), {@code no}
 *     (history by paged REQs)
 * @param historyIncompleteFilters history filters whose paging stopped short of the end since
 *     the last full sync (a second crowded past the relay's cap, or the page limit)
 * @param historyTurn {@code active} while this relay holds one of the host-wide turns at syncing
 *     history ({@code max-relays-syncing-history}), {@code waiting} while it queues for one,
 *     {@code none} otherwise
 */
public record RelayStatus(
    String relay,
    boolean bootstrap,
    ConnectionState connection,
    Health health,
    int consecutiveFailures,
    int confirmedItems,
    int parkedItems,
    int pendingBatches,
    int liveSubscriptions,
    int openSubscriptions,
    int subscriptionLimit,
    int liveOverflowFilters,
    Optional<String> lastProblem,
    Optional<Instant> nextAttempt,
    Optional<Instant> lastHeartbeat,
    String nip77,
    int historyIncompleteFilters,
    String historyTurn) {

  /** Without NIP-77 knowledge (not connected, or a test's status), no history filter left incomplete, no turn. */
  public RelayStatus(String relay, boolean bootstrap, ConnectionState connection, Health health,
      int consecutiveFailures, int confirmedItems, int parkedItems, int pendingBatches, int liveSubscriptions,
      int openSubscriptions, int subscriptionLimit, int liveOverflowFilters, Optional<String> lastProblem,
      Optional<Instant> nextAttempt, Optional<Instant> lastHeartbeat) {
    this(relay, bootstrap, connection, health, consecutiveFailures, confirmedItems, parkedItems, pendingBatches,
        liveSubscriptions, openSubscriptions, subscriptionLimit, liveOverflowFilters, lastProblem, nextAttempt,
        lastHeartbeat, "unknown", 0, "none");
  }
}
