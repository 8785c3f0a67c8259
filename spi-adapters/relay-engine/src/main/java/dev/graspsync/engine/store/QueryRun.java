package dev.graspsync.engine.store;

import dev.graspsync.nostr.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One query over a list of filters, read page by page from a consistent snapshot. Filters
 * are answered in order, each newest first; an event matching several filters is returned
 * once. Holds RocksDB iterators between pages: whoever opens it must close it (the store
 * also closes it on shutdown).
 *
 * <p>Bounded runs (REQ) give each filter {@code min(limit, maxLimit)} events; unbounded runs
 * (scans, counts) ignore limits. Either way an event is skipped when an earlier filter
 * matches it and its {@link Coverage} shows that filter returned it, so deduplication costs
 * no memory per event, whatever the result size.
 */
public final class QueryRun implements AutoCloseable, StoreResource {
  /** Index entries examined per page at most, so that a sparse match never holds a worker long. */
  private static final int EXAMINATIONS_PER_PAGE = 20_000;

  /** One page; {@code done} once every filter is exhausted. A page may be empty yet not done. */
  public record Page(List<Candidate> candidates, boolean done) {}

  private final EventDatabase database;
  private final List<Filter> filters;
  private final OptionalInt maxLimit;
  private final SnapshotReads reads;
  private final List<Coverage> finished = new ArrayList<>();
  private int filterIndex;
  private Optional<CandidateSource> source = Optional.empty();
  private int remaining;
  private Optional<Candidate> lastCounted = Optional.empty();

  private QueryRun(EventDatabase database, List<Filter> filters, OptionalInt maxLimit) {
    this.database = database;
    this.filters = List.copyOf(filters);
    this.maxLimit = maxLimit;
    this.reads = new SnapshotReads(database);
  }

  /** A run bounded by each filter's limit and {@code maxLimit} (a filter without limit gets maxLimit). */
  public static QueryRun bounded(EventDatabase database, List<Filter> filters, int maxLimit)
      throws Exception {
    return open(database, filters, OptionalInt.of(maxLimit));
  }

  /** A run over every match, limits ignored. */
  public static QueryRun unbounded(EventDatabase database, List<Filter> filters) throws Exception {
    return open(database, filters, OptionalInt.empty());
  }

  private static QueryRun open(EventDatabase database, List<Filter> filters, OptionalInt maxLimit)
      throws Exception {
    return database.guarded(
        () -> {
          QueryRun run = new QueryRun(database, filters, maxLimit);
          database.track(run);
          return run;
        });
  }

  /** The store sequence this run reads at: it sees every write committed at or before it. */
  public long snapshotSequence() {
    return reads.sequence();
  }

  /** Up to {@code size} more matches. Blocking: call on a worker thread, one call at a time. */
  public Page nextPage(int size) throws Exception {
    return database.guarded(() -> readPage(size));
  }

  private synchronized Page readPage(int size) throws Exception {
    if (reads.released()) {
      throw new StoreClosedException();
    }
    List<Candidate> page = new ArrayList<>(Math.min(size, 256));
    CandidateSource.ScanBudget budget = new CandidateSource.ScanBudget(EXAMINATIONS_PER_PAGE);
    while (page.size() < size) {
      if (source.isEmpty()) {
        if (filterIndex >= filters.size()) {
          return new Page(page, true);
        }
        Filter filter = filters.get(filterIndex);
        remaining = limitOf(filter);
        lastCounted = Optional.empty();
        if (remaining <= 0) {
          nextFilter(new Coverage.Nothing());
          continue;
        }
        source = Optional.of(CandidateSource.open(database, reads.options(), filter));
      }
      if (remaining <= 0) {
        nextFilter(
            lastCounted
                .<Coverage>map(c -> new Coverage.UpTo(c.createdAt(), c.idHex()))
                .orElse(new Coverage.Nothing()));
        continue;
      }
      Optional<Candidate> next = source.get().next(budget);
      if (next.isEmpty()) {
        if (budget.exhausted()) {
          return new Page(page, false);
        }
        nextFilter(new Coverage.All());
        continue;
      }
      remaining--;
      lastCounted = next;
      if (isNew(next.get())) {
        page.add(next.get());
      }
    }
    return new Page(page, false);
  }

  private int limitOf(Filter filter) {
    if (maxLimit.isEmpty()) {
      return Integer.MAX_VALUE;
    }
    return Math.min(filter.limit().orElse(maxLimit.getAsInt()), maxLimit.getAsInt());
  }

  private boolean isNew(Candidate candidate) {
    for (int i = 0; i < filterIndex; i++) {
      if (finished.get(i).covers(candidate)
          && CandidateCheck.matches(filters.get(i), candidate, Optional.empty())) {
        return false;
      }
    }
    return true;
  }

  private void nextFilter(Coverage coverage) {
    finished.add(coverage);
    source.ifPresent(CandidateSource::close);
    source = Optional.empty();
    filterIndex++;
  }

  /** Releases iterators and the snapshot. Idempotent; safe after the store closed. */
  @Override
  public void close() {
    releaseGuarded(database);
  }

  @Override
  public synchronized void releaseResources() {
    reads.release(this, () -> {
      source.ifPresent(CandidateSource::close);
      source = Optional.empty();
    });
  }
}
