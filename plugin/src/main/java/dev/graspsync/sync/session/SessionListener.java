package dev.graspsync.sync.session;

/**
 * Connection-level happenings of a {@link RelaySession}, called on the session's context.
 * Every method has an empty default; implement what you need. Subscription-level results go
 * to {@link SubscriptionListener}.
 */
public interface SessionListener {

  SessionListener NONE = new SessionListener() {};

  /** Once per session, after every open subscription has been told (or is settling). */
  default void onDisconnected(Disconnection disconnection) {}

  /** A NOTICE, as sent. The caller decides whether it means rate limiting. */
  default void onNotice(String message) {}

  /** An AUTH challenge arrived; with keys the session answers it right away. */
  default void onAuthChallenge(String challenge) {}

  /** The relay answered our AUTH event. */
  default void onAuthResult(AuthResult result) {}
}
