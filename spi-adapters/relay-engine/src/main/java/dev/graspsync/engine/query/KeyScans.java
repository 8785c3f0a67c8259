package dev.graspsync.engine.query;

import dev.graspsync.engine.Workers;
import dev.graspsync.engine.store.EventDatabase;
import dev.graspsync.engine.store.KeyScan;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.negentropy.PackedStorage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link KeyScan} on the read pool one bounded step per task, so that a scan of a
 * million keys shares the pool with queries instead of holding a worker throughout.
 */
public final class KeyScans {
  private static final Logger LOG = LoggerFactory.getLogger(KeyScans.class);

  private final EventDatabase database;
  private final WorkerExecutor readers;

  public KeyScans(EventDatabase database, WorkerExecutor readers) {
    this.database = database;
    this.readers = readers;
  }

  /** The packed items of {@code filter}, failing with TooManyKeysException past {@code maxItems}. */
  public Future<PackedStorage> read(Filter filter, int maxItems) {
    Promise<PackedStorage> result = Promise.promise();
    Workers.run(readers, () -> KeyScan.open(database, filter, maxItems))
        .onComplete(
            opened -> {
              if (opened.failed()) {
                result.fail(opened.cause());
              } else {
                step(opened.result(), result);
              }
            });
    return result.future();
  }

  private void step(KeyScan scan, Promise<PackedStorage> result) {
    Workers.run(readers, () -> scan.step() ? Optional.of(scan.result()) : Optional.<PackedStorage>empty())
        .onComplete(
            stepped -> {
              if (stepped.failed()) {
                finish(scan, result, PackedStorage.empty(), stepped.cause());
              } else if (stepped.result().isPresent()) {
                finish(scan, result, stepped.result().get(), null);
              } else {
                step(scan, result);
              }
            });
  }

  private void finish(KeyScan scan, Promise<PackedStorage> result, PackedStorage keys, Throwable failure) {
    Workers.run(
            readers,
            () -> {
              scan.close();
              return Boolean.TRUE;
            })
        .onComplete(
            closed -> {
              if (closed.failed()) {
                LOG.warn("releasing a key scan failed", closed.cause());
              }
              if (failure == null) {
                result.complete(keys);
              } else {
                result.fail(failure);
              }
            });
  }
}
