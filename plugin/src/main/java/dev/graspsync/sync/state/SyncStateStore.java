package dev.graspsync.sync.state;

import dev.graspsync.sync.refused.RefusedRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The sync engine's memory across restarts, in RocksDB column families: {@code confirmed}
 * (relay, item), {@code pending} (relay, batch id → items), {@code relays} (relay →
 * timestamps), {@code repos} (repo ref → relays last seen, for operators and diagnostics),
 * {@code refused} (event id → expiry, identifier and what a filter sees, see {@code RefusedValue}) and {@code
 * meta} (schema version). Every state transition is one {@link WriteBatch}, so a
 * kill -9 leaves either the old or the new state, never half of one.
 *
 * <p>All methods block on disk I/O: call them from a worker, never from an event loop. The
 * WAL is written but not fsynced per batch: a process crash loses nothing, an OS crash may
 * lose the last transitions, which only costs a re-sync of those batches.
 */
public final class SyncStateStore implements AutoCloseable {
  private static final int SCHEMA_VERSION = 1;
  private static final byte SEP = 0;
  private static final byte[] SCHEMA_KEY = "schema-version".getBytes(StandardCharsets.UTF_8);

  static {
    RocksDB.loadLibrary();
  }

  private final RocksDB db;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final List<ColumnFamilyHandle> handles;
  private final ColumnFamilyHandle confirmed;
  private final ColumnFamilyHandle pending;
  private final ColumnFamilyHandle relays;
  private final ColumnFamilyHandle repos;
  private final ColumnFamilyHandle meta;
  private final ColumnFamilyHandle refused;
  private final WriteOptions writeOptions = new WriteOptions();
  private boolean closed;

  private SyncStateStore(RocksDB db, DBOptions dbOptions, ColumnFamilyOptions cfOptions, List<ColumnFamilyHandle> handles) {
    this.db = db;
    this.dbOptions = dbOptions;
    this.cfOptions = cfOptions;
    this.handles = handles;
    this.confirmed = handles.get(1);
    this.pending = handles.get(2);
    this.relays = handles.get(3);
    this.repos = handles.get(4);
    this.meta = handles.get(5);
    this.refused = handles.get(6);
  }

  /** Opens (creating if needed) the store in {@code dir}; fails on a newer schema it cannot read. */
  public static SyncStateStore open(Path dir) {
    try {
      Files.createDirectories(dir);
      DBOptions dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
      ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
      for (String name : List.of("confirmed", "pending", "relays", "repos", "meta", "refused")) {
        descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), cfOptions));
      }
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      RocksDB db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
      SyncStateStore store = new SyncStateStore(db, dbOptions, cfOptions, handles);
      store.checkSchema();
      return store;
    } catch (RocksDBException | java.io.IOException e) {
      throw new StateStoreException("cannot open sync state in " + dir + ": " + e.getMessage(), e);
    }
  }

  private void checkSchema() throws RocksDBException {
    byte[] v = db.get(meta, SCHEMA_KEY);
    if (v == null) {
      db.put(meta, SCHEMA_KEY, ByteBuffer.allocate(4).putInt(SCHEMA_VERSION).array());
      return;
    }
    int found = ByteBuffer.wrap(v).getInt();
    if (found > SCHEMA_VERSION) {
      throw new StateStoreException(
          "sync state schema " + found + " is newer than this grasp-sync understands (" + SCHEMA_VERSION + ")", null);
    }
  }

  /** Everything remembered, per relay. */
  public Map<String, RelayRecord> loadAll() {
    Map<String, Set<String>> confirmedByRelay = new HashMap<>();
    forEach(confirmed, (key, value) -> {
      String[] parts = split(key);
      confirmedByRelay.computeIfAbsent(parts[0], r -> new HashSet<>()).add(parts[1]);
    });
    Map<String, Map<Long, Set<String>>> pendingByRelay = new HashMap<>();
    forEach(pending, (key, value) -> {
      int sep = indexOf(key, SEP);
      String relay = new String(key, 0, sep, StandardCharsets.UTF_8);
      long batchId = ByteBuffer.wrap(key, sep + 1, 8).getLong();
      pendingByRelay.computeIfAbsent(relay, r -> new HashMap<>()).put(batchId, decodeItems(value));
    });
    Map<String, RelayTimes> times = new HashMap<>();
    forEach(relays, (key, value) -> times.put(new String(key, StandardCharsets.UTF_8), RelayTimes.decode(value)));

    Set<String> all = new LinkedHashSet<>(times.keySet());
    all.addAll(confirmedByRelay.keySet());
    all.addAll(pendingByRelay.keySet());
    Map<String, RelayRecord> out = new HashMap<>();
    for (String relay : all) {
      RelayTimes t = times.getOrDefault(relay, RelayTimes.none());
      out.put(relay, new RelayRecord(
          relay,
          confirmedByRelay.getOrDefault(relay, Set.of()),
          pendingByRelay.getOrDefault(relay, Map.of()),
          t.lastHeartbeat(),
          t.disconnectedAt(),
          t.lastFullSync()));
    }
    return out;
  }

  /** Records a batch as issued. */
  public void addPending(String relay, long batchId, Collection<String> items) {
    write(batch -> batch.put(pending, pendingKey(relay, batchId), encodeItems(items)));
  }

  /** EOSE: the batch's items move from pending to confirmed in one write. */
  public void confirm(String relay, long batchId, Collection<String> items) {
    write(batch -> {
      batch.delete(pending, pendingKey(relay, batchId));
      for (String item : items) {
        batch.put(confirmed, itemKey(relay, item), new byte[0]);
      }
    });
  }

  /** A batch given up on (its items are planned again later): forget it. */
  public void dropPending(String relay, long batchId) {
    write(batch -> batch.delete(pending, pendingKey(relay, batchId)));
  }

  /** Items the relay no longer needs (their repo is gone): forget them. */
  public void unconfirm(String relay, Collection<String> items) {
    write(batch -> {
      for (String item : items) {
        batch.delete(confirmed, itemKey(relay, item));
      }
    });
  }

  /** A full resync starts: forget what this relay confirmed and has pending. Times stay. */
  public void resetProgress(String relay) {
    write(batch -> {
      byte[] from = prefix(relay);
      byte[] to = prefixEnd(relay);
      batch.deleteRange(confirmed, from, to);
      batch.deleteRange(pending, from, to);
    });
  }

  /** Forget everything about a relay no repository needs any more. */
  public void forgetRelay(String relay) {
    write(batch -> {
      byte[] from = prefix(relay);
      byte[] to = prefixEnd(relay);
      batch.deleteRange(confirmed, from, to);
      batch.deleteRange(pending, from, to);
      batch.delete(relays, relay.getBytes(StandardCharsets.UTF_8));
    });
  }

  public void heartbeat(String relay, long epochSeconds) {
    updateTimes(relay, t -> t.withHeartbeat(epochSeconds));
  }

  public void disconnected(String relay, Optional<Long> epochSeconds) {
    updateTimes(relay, t -> t.withDisconnectedAt(epochSeconds));
  }

  public void fullSyncCompleted(String relay, long epochSeconds) {
    updateTimes(relay, t -> t.withLastFullSync(epochSeconds));
  }

  /** Remembers the relays a repository listed (diagnostics; the host's store stays the source of truth). */
  public void putRepo(String repoRef, Collection<String> relayUrls) {
    write(batch -> batch.put(repos, repoRef.getBytes(StandardCharsets.UTF_8), encodeItems(relayUrls)));
  }

  public Map<String, Set<String>> loadRepos() {
    Map<String, Set<String>> out = new HashMap<>();
    forEach(repos, (k, v) -> out.put(new String(k, StandardCharsets.UTF_8), decodeItems(v)));
    return out;
  }

  /** Remembers a refused event until its expiry (see {@link RefusedValue}). */
  public void putRefused(RefusedRecord record) {
    byte[] value = RefusedValue.encode(record);
    write(batch -> batch.put(refused, record.id().getBytes(StandardCharsets.UTF_8), value));
  }

  public void deleteRefused(Collection<String> ids) {
    write(batch -> {
      for (String id : ids) {
        batch.delete(refused, id.getBytes(StandardCharsets.UTF_8));
      }
    });
  }

  /** Every remembered refusal. */
  public List<RefusedRecord> loadRefused() {
    List<RefusedRecord> out = new ArrayList<>();
    forEach(refused, (k, v) -> out.add(RefusedValue.decode(new String(k, StandardCharsets.UTF_8), v)));
    return out;
  }

  private void updateTimes(String relay, java.util.function.UnaryOperator<RelayTimes> change) {
    byte[] key = relay.getBytes(StandardCharsets.UTF_8);
    try {
      byte[] old = db.get(relays, key);
      RelayTimes next = change.apply(old == null ? RelayTimes.none() : RelayTimes.decode(old));
      db.put(relays, writeOptions, key, next.encode());
    } catch (RocksDBException e) {
      throw new StateStoreException("cannot update relay " + relay + ": " + e.getMessage(), e);
    }
  }

  private interface BatchBody {
    void fill(WriteBatch batch) throws RocksDBException;
  }

  private void write(BatchBody body) {
    try (WriteBatch batch = new WriteBatch()) {
      body.fill(batch);
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new StateStoreException("sync state write failed: " + e.getMessage(), e);
    }
  }

  private interface Visitor {
    void visit(byte[] key, byte[] value);
  }

  private void forEach(ColumnFamilyHandle cf, Visitor visitor) {
    try (RocksIterator it = db.newIterator(cf)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        visitor.visit(it.key(), it.value());
      }
    }
  }

  private static byte[] prefix(String relay) {
    byte[] r = relay.getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(r, r.length + 1);
    out[r.length] = SEP;
    return out;
  }

  /** The first key after every key of this relay: the separator byte plus one. */
  private static byte[] prefixEnd(String relay) {
    byte[] p = prefix(relay);
    p[p.length - 1] = SEP + 1;
    return p;
  }

  private static byte[] itemKey(String relay, String item) {
    byte[] p = prefix(relay);
    byte[] i = item.getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(p, p.length + i.length);
    System.arraycopy(i, 0, out, p.length, i.length);
    return out;
  }

  private static byte[] pendingKey(String relay, long batchId) {
    byte[] p = prefix(relay);
    return ByteBuffer.allocate(p.length + 8).put(p).putLong(batchId).array();
  }

  private static String[] split(byte[] key) {
    int sep = indexOf(key, SEP);
    return new String[] {
      new String(key, 0, sep, StandardCharsets.UTF_8),
      new String(key, sep + 1, key.length - sep - 1, StandardCharsets.UTF_8)
    };
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new StateStoreException("corrupt sync state key", null);
  }

  /** Length-prefixed, because a repository identifier may hold any character, newlines included. */
  private static byte[] encodeItems(Collection<String> items) {
    List<byte[]> parts = new ArrayList<>(items.size());
    int size = 4;
    for (String item : items) {
      byte[] b = item.getBytes(StandardCharsets.UTF_8);
      parts.add(b);
      size += 4 + b.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size).putInt(parts.size());
    for (byte[] b : parts) {
      out.putInt(b.length).put(b);
    }
    return out.array();
  }

  private static Set<String> decodeItems(byte[] value) {
    ByteBuffer in = ByteBuffer.wrap(value);
    int count = in.getInt();
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < count; i++) {
      byte[] b = new byte[in.getInt()];
      in.get(b);
      out.add(new String(b, StandardCharsets.UTF_8));
    }
    return out;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    handles.forEach(ColumnFamilyHandle::close);
    db.close();
    dbOptions.close();
    cfOptions.close();
    writeOptions.close();
  }
}
