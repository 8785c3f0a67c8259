package dev.graspsync.engine.query;

import dev.graspsync.engine.Workers;
import dev.graspsync.engine.store.Candidate;
import dev.graspsync.engine.store.EventDatabase;
import dev.graspsync.engine.store.QueryRun;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.negentropy.PackedStorage;
import dev.graspsync.spi.EventStore;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;

/** The SPI's read view of the engine's store, for plugins. */
public final class EngineEventStore implements EventStore {
  public static final int PAGE_SIZE = 256;

  private final EventDatabase database;
  private final WorkerExecutor readers;
  private final PagedReads paged;
  private final KeyScans keyScans;
  private final int maxLimit;

  public EngineEventStore(EventDatabase database, WorkerExecutor readers, int maxLimit) {
    this.database = database;
    this.readers = readers;
    this.paged = new PagedReads(readers);
    this.keyScans = new KeyScans(database, readers);
    this.maxLimit = maxLimit;
  }

  @Override
  public Future<List<Event>> query(List<Filter> filters) {
    List<Event> all = new ArrayList<>();
    return paged
        .stream(
            () -> QueryRun.bounded(database, filters, maxLimit),
            Candidate::event,
            PAGE_SIZE,
            page -> {
              all.addAll(page);
              return Future.succeededFuture();
            })
        .map(v -> Collections.unmodifiableList(all));
  }

  @Override
  public Future<Void> scan(List<Filter> filters, Consumer<List<Event>> page) {
    return paged.stream(
        () -> QueryRun.unbounded(database, filters),
        Candidate::event,
        PAGE_SIZE,
        events -> {
          page.accept(List.copyOf(events));
          return Future.succeededFuture();
        });
  }

  @Override
  public Future<Boolean> contains(String eventId) {
    return Workers.run(readers, () -> database.contains(eventId));
  }

  @Override
  public Future<Set<String>> containsAll(Collection<String> eventIds) {
    List<String> ids = List.copyOf(eventIds);
    return Workers.run(readers, () -> database.storedIds(ids));
  }

  @Override
  public Future<PackedStorage> keys(Filter filter, int maxItems) {
    return keyScans.read(filter, maxItems);
  }

  /** REQ: matches per filter newest first, bounded by limit and the relay's maximum, in pages. */
  public Future<Void> stream(
      List<Filter> filters, LongConsumer snapshotTaken, Function<List<Event>, Future<Void>> page) {
    return paged.stream(
        () -> QueryRun.bounded(database, filters, maxLimit),
        snapshotTaken,
        Candidate::event,
        PAGE_SIZE,
        page);
  }

  /** COUNT: distinct stored events matching any filter, limits ignored. */
  public Future<Long> count(List<Filter> filters) {
    long[] total = {0};
    return paged
        .stream(
            () -> QueryRun.unbounded(database, filters),
            candidate -> Boolean.TRUE,
            4 * PAGE_SIZE,
            page -> {
              total[0] += page.size();
              return Future.succeededFuture();
            })
        .map(v -> total[0]);
  }
}
