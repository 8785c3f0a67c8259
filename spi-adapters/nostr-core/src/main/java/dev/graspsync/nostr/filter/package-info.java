/** NIP-01 filters: the value, its JSON both ways, and allocation-free in-memory matching. */
package dev.graspsync.nostr.filter;
