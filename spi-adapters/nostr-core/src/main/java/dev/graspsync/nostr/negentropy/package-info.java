/**
 * NIP-77 negentropy, protocol version 1 ({@code 0x61}): set reconciliation by range
 * fingerprints over items sorted by (created_at, id).
 *
 * <p>The pieces: {@link dev.graspsync.nostr.negentropy.WireReader} and {@link
 * dev.graspsync.nostr.negentropy.WireWriter} (varints and delta-encoded bounds), {@link
 * dev.graspsync.nostr.negentropy.NegentropyStorage} and its packed implementation {@link
 * dev.graspsync.nostr.negentropy.PackedStorage} (primitive arrays, block sums so a range
 * fingerprint never rescans the set), and {@link dev.graspsync.nostr.negentropy.Negentropy},
 * the reconciler for both roles. Instances are not thread-safe: one reconciliation belongs to
 * one thread (an event loop) at a time; a sealed {@code PackedStorage} is immutable and may be
 * shared.
 */
package dev.graspsync.nostr.negentropy;
