/**
 * The wire codec for NIP-01, NIP-42, NIP-45 and NIP-77 messages in both directions. Decoding
 * never throws: bad frames come back as {@link dev.graspsync.nostr.message.Decoded.Malformed}
 * with a reason.
 */
package dev.graspsync.nostr.message;
