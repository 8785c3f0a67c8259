package dev.graspsync.sync.session;

/**
 * Receives every counter increment of a session as it happens, on the session's context. The
 * session package stays free of Micrometer; the plugin's shell maps {@link SessionCounter}
 * values to meters. Implementations must be cheap and must not throw.
 */
@FunctionalInterface
public interface SessionMetrics {

  SessionMetrics NONE = (counter, amount) -> {};

  void increment(SessionCounter counter, long amount);
}
