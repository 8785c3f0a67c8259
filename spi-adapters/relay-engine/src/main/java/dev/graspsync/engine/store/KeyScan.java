package dev.graspsync.engine.store;

import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.negentropy.PackedStorage;
import dev.graspsync.nostr.negentropy.PackedStorageBuilder;
import dev.graspsync.spi.TooManyKeysException;
import java.util.Arrays;
import java.util.Optional;
import org.rocksdb.RocksDBException;

/**
 * The (created_at, id) items of one filter for a NIP-77 reconciliation, read step by step
 * from a consistent snapshot. Where the planned index answers the whole filter the items come
 * from the index keys alone; otherwise each hit's stored header is checked (and its json only
 * for a tag condition the index does not cover). Holds RocksDB iterators between steps:
 * whoever opens it must close it (the store also closes it on shutdown).
 */
public final class KeyScan implements AutoCloseable, StoreResource {
  /** Index entries examined per step at most, so that one step never holds a worker long. */
  static final int EXAMINATIONS_PER_STEP = 50_000;

  private final EventDatabase database;
  private final Filter filter;
  private final int maxItems;
  private final SnapshotReads reads;
  private final QueryPlan plan;
  private final boolean indexAnswers;
  private Optional<IndexCursor> cursor = Optional.empty();
  /** Hits in walk order: newest first, ids ascending within one created_at. */
  private long[] times = new long[1024];
  private byte[] ids = new byte[1024 * IndexKeys.ID_BYTES];
  private int size;
  private boolean done;

  private KeyScan(EventDatabase database, Filter filter, int maxItems) {
    this.database = database;
    this.filter = filter;
    this.maxItems = maxItems;
    this.reads = new SnapshotReads(database);
    this.plan = QueryPlanner.plan(filter);
    this.indexAnswers = plan instanceof QueryPlan.IndexWalk walk && answersWholly(walk, filter);
  }

  public static KeyScan open(EventDatabase database, Filter filter, int maxItems) throws Exception {
    if (maxItems < 0) {
      throw new IllegalArgumentException("maxItems " + maxItems + " is negative");
    }
    return database.guarded(
        () -> {
          KeyScan scan = new KeyScan(database, filter, maxItems);
          database.track(scan);
          return scan;
        });
  }

  /**
   * Reads up to {@link #EXAMINATIONS_PER_STEP} index entries; true once every match is read.
   * Blocking: call on a worker thread, one call at a time.
   *
   * @throws TooManyKeysException once more than {@code maxItems} events match
   */
  public boolean step() throws Exception {
    return database.guarded(this::readStep);
  }

  /** The items read, sorted ascending; call after {@link #step()} returned true. */
  public PackedStorage result() {
    if (!done) {
      throw new IllegalStateException("the scan has not finished");
    }
    PackedStorageBuilder builder = PackedStorage.builder(size);
    // walk order reversed is ascending by created_at; ids within one created_at stay ascending
    int end = size;
    while (end > 0) {
      int start = end - 1;
      while (start > 0 && times[start - 1] == times[end - 1]) {
        start--;
      }
      for (int i = start; i < end; i++) {
        builder.add(times[i], ids, i * IndexKeys.ID_BYTES);
      }
      end = start;
    }
    return builder.seal();
  }

  private synchronized boolean readStep() throws RocksDBException {
    if (reads.released()) {
      throw new StoreClosedException();
    }
    if (done) {
      return true;
    }
    if (plan instanceof QueryPlan.IdLookup lookup) {
      CandidateSource.IdLookupSource source =
          CandidateSource.IdLookupSource.load(database, reads.options(), filter, lookup);
      CandidateSource.ScanBudget unbounded = new CandidateSource.ScanBudget(Integer.MAX_VALUE);
      for (Optional<Candidate> c = source.next(unbounded); c.isPresent(); c = source.next(unbounded)) {
        add(c.get().createdAt(), c.get().id());
      }
      done = true;
      return true;
    }
    if (!(plan instanceof QueryPlan.IndexWalk walk)) {
      done = true;
      return true;
    }
    if (cursor.isEmpty()) {
      cursor =
          Optional.of(
              new IndexCursor(
                  database, reads.options(), walk.column(), walk.prefixes(), filter.since(), filter.until()));
    }
    IndexCursor hits = cursor.get();
    for (int examined = 0; examined < EXAMINATIONS_PER_STEP; examined++) {
      if (!hits.advance()) {
        done = true;
        return true;
      }
      if (indexAnswers) {
        add(hits.createdAt(), hits.id());
        continue;
      }
      byte[] value = database.db().get(database.handle(Column.EVENTS), reads.options(), hits.id());
      if (value != null) {
        Candidate candidate = new Candidate(hits.id(), value);
        if (CandidateCheck.matches(filter, candidate, walk.tagLetter())) {
          add(candidate.createdAt(), hits.id());
        }
      }
    }
    return false;
  }

  private void add(long createdAt, byte[] id) {
    if (createdAt < 0) {
      return;
    }
    if (size == maxItems) {
      throw new TooManyKeysException(maxItems);
    }
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      ids = Arrays.copyOf(ids, size * 2 * IndexKeys.ID_BYTES);
    }
    times[size] = createdAt;
    System.arraycopy(id, 0, ids, size * IndexKeys.ID_BYTES, IndexKeys.ID_BYTES);
    size++;
  }

  /**
   * Whether walking this index within since/until yields exactly the filter's matches: every
   * condition other than time is the one the index is keyed by.
   */
  private static boolean answersWholly(QueryPlan.IndexWalk walk, Filter filter) {
    boolean kinds = filter.kinds().isPresent();
    boolean authors = filter.authors().isPresent();
    int tags = filter.tags().size();
    return switch (walk.column()) {
      case BY_TIME -> !kinds && !authors && tags == 0;
      case BY_KIND -> !authors && tags == 0;
      case BY_AUTHOR -> !kinds && tags == 0;
      case BY_AUTHOR_KIND -> tags == 0;
      case BY_TAG -> !kinds && !authors && tags == 1;
      default -> false;
    };
  }

  /** Releases iterators and the snapshot. Idempotent; safe after the store closed. */
  @Override
  public void close() {
    releaseGuarded(database);
  }

  @Override
  public synchronized void releaseResources() {
    reads.release(this, () -> {
      cursor.ifPresent(IndexCursor::close);
      cursor = Optional.empty();
    });
  }
}
