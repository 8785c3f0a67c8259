/**
 * Nostr events (NIP-01): the {@link dev.graspsync.nostr.event.Event} value that keeps its
 * original JSON text, strict parsing, the canonical serialisation behind the id, kind classes
 * and the NIP-34 kinds grasp-sync deals in.
 */
package dev.graspsync.nostr.event;
