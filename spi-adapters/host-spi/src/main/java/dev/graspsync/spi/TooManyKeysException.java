package dev.graspsync.spi;

/**
 * A filter matches more stored events than the caller's bound for {@link EventStore#keys}:
 * narrow it (split by {@code since}/{@code until}) and ask again.
 */
public final class TooManyKeysException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int limit;

  public TooManyKeysException(int limit) {
    super("the filter matches more than " + limit + " stored events");
    this.limit = limit;
  }

  /** The bound that was passed. */
  public int limit() {
    return limit;
  }
}
