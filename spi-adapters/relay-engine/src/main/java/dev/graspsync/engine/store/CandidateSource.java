package dev.graspsync.engine.store;

import dev.graspsync.nostr.filter.Filter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;

/** The matching events of one filter, newest first. */
sealed interface CandidateSource extends AutoCloseable {

  /** The next match, or empty at the end; {@code budget} counts the candidates examined. */
  Optional<Candidate> next(ScanBudget budget) throws RocksDBException;

  @Override
  void close();

  static CandidateSource open(EventDatabase database, ReadOptions readOptions, Filter filter)
      throws RocksDBException {
    QueryPlan plan = QueryPlanner.plan(filter);
    if (plan instanceof QueryPlan.IdLookup lookup) {
      return IdLookupSource.load(database, readOptions, filter, lookup);
    }
    if (plan instanceof QueryPlan.IndexWalk walk) {
      return new IndexWalkSource(database, readOptions, filter, walk);
    }
    return new IdLookupSource(List.<Candidate>of().iterator());
  }

  /** Candidates examined within one page: bounds the time one worker task holds the store. */
  final class ScanBudget {
    private int remaining;

    ScanBudget(int examinations) {
      this.remaining = examinations;
    }

    boolean spend() {
      return remaining-- > 0;
    }

    boolean exhausted() {
      return remaining <= 0;
    }
  }

  /** Ids are few (bounded by the message size): fetch them all, sort newest first. */
  final class IdLookupSource implements CandidateSource {
    private final Iterator<Candidate> matches;

    IdLookupSource(Iterator<Candidate> matches) {
      this.matches = matches;
    }

    static IdLookupSource load(
        EventDatabase database, ReadOptions readOptions, Filter filter, QueryPlan.IdLookup plan)
        throws RocksDBException {
      ColumnFamilyHandle events = database.handle(Column.EVENTS);
      List<ColumnFamilyHandle> handles = new ArrayList<>(plan.ids().size());
      for (int i = 0; i < plan.ids().size(); i++) {
        handles.add(events);
      }
      List<byte[]> values = database.db().multiGetAsList(readOptions, handles, plan.ids());
      List<Candidate> found = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i) != null) {
          Candidate candidate = new Candidate(plan.ids().get(i), values.get(i));
          if (CandidateCheck.matches(filter, candidate, Optional.empty())) {
            found.add(candidate);
          }
        }
      }
      found.sort(
          Comparator.comparingLong(Candidate::createdAt).reversed().thenComparing(Candidate::idHex));
      return new IdLookupSource(found.iterator());
    }

    @Override
    public Optional<Candidate> next(ScanBudget budget) {
      return matches.hasNext() ? Optional.of(matches.next()) : Optional.empty();
    }

    @Override
    public void close() {}
  }

  /** Walks the planned index and checks each candidate against the whole filter. */
  final class IndexWalkSource implements CandidateSource {
    private final EventDatabase database;
    private final ReadOptions readOptions;
    private final Filter filter;
    private final QueryPlan.IndexWalk plan;
    private final IndexCursor cursor;

    IndexWalkSource(
        EventDatabase database, ReadOptions readOptions, Filter filter, QueryPlan.IndexWalk plan) {
      this.database = database;
      this.readOptions = readOptions;
      this.filter = filter;
      this.plan = plan;
      this.cursor =
          new IndexCursor(
              database, readOptions, plan.column(), plan.prefixes(), filter.since(), filter.until());
    }

    @Override
    public Optional<Candidate> next(ScanBudget budget) throws RocksDBException {
      while (budget.spend() && cursor.advance()) {
        byte[] id = cursor.id();
        byte[] value = database.db().get(database.handle(Column.EVENTS), readOptions, id);
        if (value == null) {
          continue;
        }
        Candidate candidate = new Candidate(id, value);
        if (CandidateCheck.matches(filter, candidate, plan.tagLetter())) {
          return Optional.of(candidate);
        }
      }
      return Optional.empty();
    }

    @Override
    public void close() {
      cursor.close();
    }
  }
}
