/**
 * JSON plumbing shared by nostr-core's codecs (the Jackson factory, string escaping, error
 * wording). Public only because the codecs live in sibling packages; not an API for other
 * modules.
 */
package dev.graspsync.nostr.json;
