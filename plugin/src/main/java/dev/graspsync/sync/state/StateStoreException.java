package dev.graspsync.sync.state;

/** The sync state could not be read or written; the message says which and why. */
public final class StateStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StateStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
