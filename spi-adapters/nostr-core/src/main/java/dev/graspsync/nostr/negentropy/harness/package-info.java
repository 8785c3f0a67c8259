/**
 * The line protocol of the reference negentropy repository's test suite (hoytech/negentropy,
 * {@code test/}), so that its fuzz and interop scripts can drive this implementation too.
 */
package dev.graspsync.nostr.negentropy.harness;
