package dev.graspsync.sync.refused;

import java.util.Collection;

/** Where the memory persists (the sync-state RocksDB, through its writer thread); never blocks the caller. */
public interface RefusedStore {
  void put(RefusedRecord record);

  void delete(Collection<String> ids);

  /** Keeps nothing: for a memory that is switched off, and for tests. */
  RefusedStore NONE = new RefusedStore() {
    @Override
    public void put(RefusedRecord record) {}

    @Override
    public void delete(Collection<String> ids) {}
  };
}
