package dev.graspsync.sync.engine;

import dev.graspsync.spi.RelayHost;
import dev.graspsync.sync.config.SyncConfig;
import dev.graspsync.sync.dial.DialGate;
import dev.graspsync.sync.permit.PermitQueue;
import dev.graspsync.sync.refused.RefusedMemory;
import dev.graspsync.sync.relay.RelayUrl;
import dev.graspsync.sync.session.InFlightBudget;
import dev.graspsync.sync.status.StatusBoard;
import io.vertx.core.net.TrustOptions;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every relay worker shares. {@code inFlightBudget}: the host-wide cap on events received
 * and not yet stored ({@code max-events-in-flight}), charged by every worker's session. {@code
 * refused}: the ids the host refused before, skipped by every worker's intake. {@code
 * localSetSlots}: the host-wide cap on reconciliations (and their local sets) open at once, each
 * holding its packed local set (B4's 500 URLs once filled a 256 MiB heap with them). {@code
 * historyTurns}: the host-wide cap on relays syncing history at once ({@link HistoryTurn}).
 */
record WorkerDeps(
    RelayHost host,
    SyncConfig config,
    Clock clock,
    StateWriter state,
    SyncMetrics metrics,
    StatusBoard board,
    Consumer<RelayUrl> onIdle,
    InFlightBudget inFlightBudget,
    DialGate gate,
    Optional<TrustOptions> trust,
    RefusedMemory refused,
    FetchClaims fetchClaims,
    PermitQueue localSetSlots,
    PermitQueue historyTurns) {}
