package dev.graspsync.sync.session;

/** Receives one NIP-77 reconciliation's answers, on the session's context. */
public interface ReconciliationListener {

  /** A NEG-MSG payload (hex, not checked here). Answer with {@link RelaySession#continueReconciliation} or close it. */
  void onMessage(String messageHex);

  /** The reconciliation ended without our NEG-CLOSE; called at most once, never after we closed it. */
  void onEnd(NegEnd end);
}
