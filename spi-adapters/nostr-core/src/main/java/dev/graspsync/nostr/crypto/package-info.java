/**
 * Keys, BIP-340 signing and verification through libsecp256k1, the id-then-signature check of
 * events, and NIP-42 authentication events.
 */
package dev.graspsync.nostr.crypto;
