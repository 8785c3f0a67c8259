package dev.graspsync.engine.store;

/** Holds RocksDB objects across calls; released before the database closes. */
interface StoreResource {
  /** Frees the native objects. Idempotent; called with the store's exclusive lock held or inside a guarded call. */
  void releaseResources();
}
