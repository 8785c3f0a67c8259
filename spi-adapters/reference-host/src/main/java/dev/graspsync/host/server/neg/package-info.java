/**
 * NIP-77 on the relay side: each connection's open reconciliations (NEG-OPEN, NEG-MSG,
 * NEG-CLOSE, NEG-ERR), answered by the negentropy responder over the store's packed keys.
 */
package dev.graspsync.host.server.neg;
