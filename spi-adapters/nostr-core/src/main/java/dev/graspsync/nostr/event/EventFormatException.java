package dev.graspsync.nostr.event;

/** An event (or message) whose JSON shape is wrong; the message says what and where. */
public final class EventFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EventFormatException(String message) {
    super(message);
  }

  public EventFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
