package dev.graspsync.engine.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the RocksDB instance and its column families.
 *
 * <p>Using a RocksDB handle after close crashes the JVM rather than throwing, so every access
 * goes through {@link #guarded}: readers share a lock that {@link #close} takes exclusively,
 * and resources that outlive one call (a query's iterators between pages) register with
 * {@link #track} so close can release them first.
 */
public final class EventDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventDatabase.class);
  private static final long BLOCK_CACHE_BYTES = 64L * 1024 * 1024;

  static {
    RocksDB.loadLibrary();
  }

  private final Path directory;
  private final RocksDB db;
  private final Map<Column, ColumnFamilyHandle> handles;
  private final List<AutoCloseable> ownedOptions;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Set<StoreResource> tracked = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private EventDatabase(
      Path directory,
      RocksDB db,
      Map<Column, ColumnFamilyHandle> handles,
      List<AutoCloseable> ownedOptions) {
    this.directory = directory;
    this.db = db;
    this.handles = handles;
    this.ownedOptions = ownedOptions;
  }

  /** Opens (creating when absent) the store in {@code directory}. Blocking. */
  public static EventDatabase open(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create event store directory " + directory, e);
    }
    List<AutoCloseable> owned = new ArrayList<>();
    LRUCache cache = new LRUCache(BLOCK_CACHE_BYTES);
    BloomFilter bloom = new BloomFilter(10);
    BlockBasedTableConfig pointLookups =
        new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(bloom);
    BlockBasedTableConfig scans = new BlockBasedTableConfig().setBlockCache(cache);
    ColumnFamilyOptions pointOptions = new ColumnFamilyOptions().setTableFormatConfig(pointLookups);
    ColumnFamilyOptions scanOptions = new ColumnFamilyOptions().setTableFormatConfig(scans);
    DBOptions dbOptions =
        new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setMaxBackgroundJobs(2)
            .setKeepLogFileNum(5);
    owned.add(dbOptions);
    owned.add(pointOptions);
    owned.add(scanOptions);
    owned.add(bloom);
    owned.add(cache);

    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (Column column : Column.values()) {
      boolean pointLookup =
          column == Column.EVENTS || column == Column.ADDRESSES || column == Column.DELETIONS;
      descriptors.add(
          new ColumnFamilyDescriptor(
              column.familyNameBytes(), pointLookup ? pointOptions : scanOptions));
    }
    List<ColumnFamilyHandle> opened = new ArrayList<>();
    try {
      RocksDB db = RocksDB.open(dbOptions, directory.toString(), descriptors, opened);
      Map<Column, ColumnFamilyHandle> handles = new EnumMap<>(Column.class);
      for (int i = 0; i < descriptors.size(); i++) {
        handles.put(Column.values()[i], opened.get(i));
      }
      LOG.info("event store open at {}", directory);
      return new EventDatabase(directory, db, handles, owned);
    } catch (RocksDBException e) {
      closeAll(owned);
      throw new IllegalStateException(
          "cannot open event store at " + directory + ": " + e.getMessage(), e);
    }
  }

  public Path directory() {
    return directory;
  }

  RocksDB db() {
    return db;
  }

  ColumnFamilyHandle handle(Column column) {
    return handles.get(column);
  }

  public boolean isClosed() {
    return closed;
  }

  /** Runs {@code work} while the store cannot close; fails with {@link StoreClosedException} once it has. */
  public <T> T guarded(Callable<T> work) throws Exception {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new StoreClosedException();
      }
      return work.call();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Registers something holding RocksDB resources across calls; close releases it first. */
  void track(StoreResource resource) {
    tracked.add(resource);
  }

  void untrack(StoreResource resource) {
    tracked.remove(resource);
  }

  /** Whether an event with this id is stored. Blocking. */
  public boolean contains(String eventId) throws Exception {
    if (!IndexKeys.isHex(eventId, 32)) {
      return false;
    }
    byte[] id = IndexKeys.hexToBytes(eventId);
    return guarded(
        () -> {
          ColumnFamilyHandle events = handle(Column.EVENTS);
          return db.keyExists(events, id);
        });
  }

  /** The subset of {@code eventIds} that is stored, in one multi-get. Blocking. */
  public Set<String> storedIds(Collection<String> eventIds) throws Exception {
    List<String> wellFormed = new ArrayList<>();
    List<byte[]> keys = new ArrayList<>();
    for (String eventId : new LinkedHashSet<>(eventIds)) {
      if (IndexKeys.isHex(eventId, 32)) {
        wellFormed.add(eventId);
        keys.add(IndexKeys.hexToBytes(eventId));
      }
    }
    if (keys.isEmpty()) {
      return Set.of();
    }
    return guarded(
        () -> {
          List<ColumnFamilyHandle> handles =
              Collections.nCopies(keys.size(), handle(Column.EVENTS));
          List<byte[]> values = db.multiGetAsList(handles, keys);
          Set<String> stored = new HashSet<>();
          for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null) {
              stored.add(wellFormed.get(i));
            }
          }
          return Set.copyOf(stored);
        });
  }

  /** Rough number of stored events (RocksDB's estimate); 0 once closed. */
  public long estimatedEventCount() {
    try {
      return guarded(() -> db.getLongProperty(handle(Column.EVENTS), "rocksdb.estimate-num-keys"));
    } catch (Exception e) {
      return 0;
    }
  }

  /** Syncs the WAL and closes; waits for running reads and writes. Idempotent. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (StoreResource resource : new ArrayList<>(tracked)) {
        try {
          resource.releaseResources();
        } catch (RuntimeException e) {
          LOG.warn("releasing {} on close failed", resource, e);
        }
      }
      tracked.clear();
      try {
        db.flushWal(true);
      } catch (RocksDBException e) {
        LOG.warn("flushing the WAL of {} on close failed: {}", directory, e.getMessage());
      }
      for (ColumnFamilyHandle handle : handles.values()) {
        handle.close();
      }
      db.close();
      closeAll(ownedOptions);
      LOG.info("event store closed at {}", directory);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static void closeAll(List<? extends AutoCloseable> resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed", resource, e);
      }
    }
  }
}
