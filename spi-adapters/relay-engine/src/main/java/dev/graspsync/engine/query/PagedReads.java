package dev.graspsync.engine.query;

import dev.graspsync.engine.Workers;
import dev.graspsync.engine.store.Candidate;
import dev.graspsync.engine.store.QueryRun;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a {@link QueryRun} to a consumer page by page: each page is read on the read pool,
 * handed over on the caller's context, and the next one is read only once the consumer's
 * future completes. Memory stays at one page whatever the result size, and a slow consumer
 * (a full socket) slows the reading down instead of piling events up.
 */
public final class PagedReads {
  private static final Logger LOG = LoggerFactory.getLogger(PagedReads.class);

  private final WorkerExecutor readers;

  public PagedReads(WorkerExecutor readers) {
    this.readers = readers;
  }

  private record MappedPage<T>(List<T> items, boolean done) {}

  public <T> Future<Void> stream(
      Callable<QueryRun> open,
      Function<Candidate, T> map,
      int pageSize,
      Function<List<T>, Future<Void>> consumer) {
    return stream(open, sequence -> {}, map, pageSize, consumer);
  }

  /**
   * As {@link #stream(Callable, Function, int, Function)}, telling {@code snapshotTaken} the
   * run's snapshot sequence on the caller's context before the first page.
   */
  public <T> Future<Void> stream(
      Callable<QueryRun> open,
      LongConsumer snapshotTaken,
      Function<Candidate, T> map,
      int pageSize,
      Function<List<T>, Future<Void>> consumer) {
    Promise<Void> result = Promise.promise();
    Workers.run(readers, open)
        .onComplete(
            opened -> {
              if (opened.failed()) {
                result.fail(opened.cause());
                return;
              }
              try {
                snapshotTaken.accept(opened.result().snapshotSequence());
              } catch (RuntimeException e) {
                finish(opened.result(), result, e);
                return;
              }
              step(opened.result(), map, pageSize, consumer, result);
            });
    return result.future();
  }

  /** Reads and hands over one page; not recursive on the stack, so any number of pages is fine. */
  private <T> void step(
      QueryRun run,
      Function<Candidate, T> map,
      int pageSize,
      Function<List<T>, Future<Void>> consumer,
      Promise<Void> result) {
    Workers.run(readers, () -> read(run, map, pageSize))
        .onComplete(
            read -> {
              if (read.failed()) {
                finish(run, result, read.cause());
                return;
              }
              MappedPage<T> page = read.result();
              Future<Void> handed;
              try {
                handed = page.items().isEmpty() ? Future.succeededFuture() : consumer.apply(page.items());
              } catch (RuntimeException e) {
                handed = Future.failedFuture(e);
              }
              handed.onComplete(
                  consumed -> {
                    if (consumed.failed()) {
                      finish(run, result, consumed.cause());
                    } else if (page.done()) {
                      finish(run, result, null);
                    } else {
                      step(run, map, pageSize, consumer, result);
                    }
                  });
            });
  }

  private static <T> MappedPage<T> read(QueryRun run, Function<Candidate, T> map, int pageSize)
      throws Exception {
    QueryRun.Page page = run.nextPage(pageSize);
    List<T> items = new ArrayList<>(page.candidates().size());
    for (Candidate candidate : page.candidates()) {
      items.add(map.apply(candidate));
    }
    return new MappedPage<>(items, page.done());
  }

  /** Releases the run's iterators off the event loop, then completes. */
  private void finish(QueryRun run, Promise<Void> result, Throwable failure) {
    Workers.run(
            readers,
            () -> {
              run.close();
              return null;
            })
        .onComplete(
            closed -> {
              if (closed.failed()) {
                LOG.warn("releasing a query failed", closed.cause());
              }
              if (failure == null) {
                result.complete();
              } else {
                result.fail(failure);
              }
            });
  }
}
