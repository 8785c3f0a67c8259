package dev.graspsync.host.config;

import java.time.Duration;

/**
 * How the relay serves NIP-77 reconciliations (see docs/configuration.md).
 *
 * @param maxRecords the most stored events one reconciliation's filter may match; past it the
 *     client gets {@code NEG-ERR "blocked: ..."} and should narrow the filter by time
 * @param frameSizeLimit the largest negentropy message the relay sends, in bytes (its hex in a
 *     NEG-MSG is twice that)
 * @param maxOpenPerConnection reconciliations one connection may have open at once
 * @param idleTimeout an open reconciliation without a NEG-MSG for this long is closed
 */
public record NegentropySettings(int maxRecords, int frameSizeLimit, int maxOpenPerConnection, Duration idleTimeout) {}
