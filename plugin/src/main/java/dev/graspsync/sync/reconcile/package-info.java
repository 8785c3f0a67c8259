/**
 * NIP-77 reconciliation, the pure part: whether a relay speaks it, what each way a
 * reconciliation ends means (split the filter by time, fall back to paged REQs, or end the batch
 * like a REQ would), how a filter is split, how the needed ids are cut into REQs the relay takes,
 * and the frame size a relay's limits allow. The engine's {@code ReconcilingHistory} drives it.
 */
package dev.graspsync.sync.reconcile;
