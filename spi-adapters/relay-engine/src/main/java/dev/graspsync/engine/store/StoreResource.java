package dev.graspsync.engine.store;

/** Holds RocksDB objects across calls; released before the database closes. */
interface StoreResource {
  /** Frees the native objects. Idempotent; called with the store's exclusive lock held or inside a guarded call. */
  void releaseResources();

  /**
   * Releases this resource through a guarded call, for a caller's {@code close()}. Idempotent;
   * safe after the store closed (which released it already).
   */
  default void releaseGuarded(EventDatabase database) {
    try {
      database.guarded(
          () -> {
            releaseResources();
            return null;
          });
    } catch (StoreClosedException e) {
      // the store released this resource when it closed
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
