package dev.graspsync.engine.store;

/** The store was closed (the relay is shutting down) before or while an operation ran. */
public final class StoreClosedException extends IllegalStateException {
  public StoreClosedException() {
    super("the event store is closed");
  }
}
