package dev.graspsync.engine.store;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatchWithIndex;

/**
 * The store as the writer sees it while it builds a batch: what is committed, overlaid with
 * what this batch has put and deleted so far. Writer thread only.
 */
final class BatchView implements AutoCloseable {
  private final EventDatabase database;
  private final WriteBatchWithIndex batch = new WriteBatchWithIndex(true);
  private final ReadOptions readOptions = new ReadOptions();

  BatchView(EventDatabase database) {
    this.database = database;
  }

  byte[] get(Column column, byte[] key) throws RocksDBException {
    return batch.getFromBatchAndDB(database.db(), database.handle(column), readOptions, key);
  }

  /** Whether any key in {@code column} starts with {@code prefix}. */
  boolean hasKeyWithPrefix(Column column, byte[] prefix) {
    try (RocksIterator it = iterator(column)) {
      it.seek(prefix);
      return it.isValid() && IndexKeys.startsWith(it.key(), prefix);
    }
  }

  /** An iterator over committed keys and this batch's changes; the caller closes it. */
  RocksIterator iterator(Column column) {
    return batch.newIteratorWithBase(
        database.handle(column), database.db().newIterator(database.handle(column)));
  }

  void put(Column column, byte[] key, byte[] value) throws RocksDBException {
    batch.put(database.handle(column), key, value);
  }

  void delete(Column column, byte[] key) throws RocksDBException {
    batch.delete(database.handle(column), key);
  }

  /** Marks where the current event's changes begin. */
  void markEventStart() {
    batch.setSavePoint();
  }

  /** Keeps the current event's changes. */
  void keepEvent() throws RocksDBException {
    batch.popSavePoint();
  }

  /** Drops the current event's changes, keeping earlier events'. */
  void dropEvent() throws RocksDBException {
    batch.rollbackToSavePoint();
  }

  int pendingChanges() {
    return batch.count();
  }

  WriteBatchWithIndex batch() {
    return batch;
  }

  @Override
  public void close() {
    batch.close();
    readOptions.close();
  }
}
