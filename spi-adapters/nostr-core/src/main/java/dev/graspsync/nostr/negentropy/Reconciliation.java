package dev.graspsync.nostr.negentropy;

import java.util.List;
import java.util.Optional;

/**
 * What one round taught the initiator: the message to send next (empty when the sets are
 * reconciled) and the ids found missing on either side in this round only (lowercase hex).
 * Callers accumulate across rounds; each id is reported once per reconciliation, even when
 * the peer asks again about a range already settled.
 *
 * @param next the next message for the responder; empty when reconciliation is complete
 * @param have ids this side holds and the peer lacks
 * @param need ids the peer holds and this side lacks
 */
public record Reconciliation(Optional<byte[]> next, List<String> have, List<String> need) {
  public Reconciliation {
    have = List.copyOf(have);
    need = List.copyOf(need);
  }

  public boolean done() {
    return next.isEmpty();
  }
}
