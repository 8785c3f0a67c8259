package dev.graspsync.engine.store;

import org.rocksdb.ReadOptions;
import org.rocksdb.Snapshot;

/**
 * The consistent snapshot a multi-step read (a query run, a key scan) reads from, and its
 * release: once only, the owner's iterators first, then the snapshot, then the store stops
 * tracking the owner.
 */
final class SnapshotReads {
  private final EventDatabase database;
  private final Snapshot snapshot;
  private final ReadOptions options;
  private final long sequence;
  private boolean released;

  SnapshotReads(EventDatabase database) {
    this.database = database;
    this.snapshot = database.db().getSnapshot();
    this.sequence = snapshot.getSequenceNumber();
    this.options = new ReadOptions().setSnapshot(snapshot);
  }

  /** Every write committed at this store sequence or earlier is visible to these reads. */
  long sequence() {
    return sequence; // read at creation: the snapshot itself may be released by shutdown
  }

  ReadOptions options() {
    return options;
  }

  boolean released() {
    return released;
  }

  /** Idempotent; {@code closeIterators} runs before the snapshot goes. */
  void release(StoreResource owner, Runnable closeIterators) {
    if (released) {
      return;
    }
    released = true;
    closeIterators.run();
    options.close();
    database.db().releaseSnapshot(snapshot);
    database.untrack(owner);
  }
}
