package dev.graspsync.engine.store;

/** RocksDB failed underneath an operation (disk full, I/O error, corruption). */
public final class StoreFailure extends RuntimeException {
  public StoreFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
