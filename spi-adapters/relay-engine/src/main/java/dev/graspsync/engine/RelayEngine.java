package dev.graspsync.engine;

import dev.graspsync.engine.ingest.EngineListeners;
import dev.graspsync.engine.ingest.IngestMetrics;
import dev.graspsync.engine.ingest.IngestPipeline;
import dev.graspsync.engine.policy.AcceptancePolicy;
import dev.graspsync.engine.query.EngineEventStore;
import dev.graspsync.engine.store.EventDatabase;
import dev.graspsync.engine.store.EventWriter;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.spi.EventStore;
import dev.graspsync.spi.IngestSource;
import dev.graspsync.spi.IngestVerdict;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * The transport-free relay: validation, acceptance policy, durable storage and queries. A
 * WebSocket front end (or a plugin host) drives it; it never touches a socket.
 *
 * <p>Threads: signature checks run on a bounded worker pool, RocksDB writes on one writer
 * thread (group commit), reads on a small read pool; futures complete on the caller's
 * context, so none of this blocks an event loop.
 */
public final class RelayEngine implements AutoCloseable {
  /** RocksDB lives in this subdirectory of the data directory; plugins get siblings of it. */
  public static final String STORE_DIRECTORY = "events";

  private static final int READ_THREADS = 4;

  private final EngineSettings settings;
  private final EventDatabase database;
  private final EventWriter writer;
  private final EngineListeners listeners;
  private final WorkerExecutor verifiers;
  private final WorkerExecutor readers;
  private final IngestPipeline pipeline;
  private final EngineEventStore store;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RelayEngine(
      EngineSettings settings,
      EventDatabase database,
      EventWriter writer,
      EngineListeners listeners,
      WorkerExecutor verifiers,
      WorkerExecutor readers,
      IngestPipeline pipeline,
      EngineEventStore store) {
    this.settings = settings;
    this.database = database;
    this.writer = writer;
    this.listeners = listeners;
    this.verifiers = verifiers;
    this.readers = readers;
    this.pipeline = pipeline;
    this.store = store;
  }

  /**
   * Opens the store under {@code settings.dataDir()/events} and starts the writer. Blocking
   * (RocksDB opens and may replay its WAL): call at start-up, not on an event loop. Listeners
   * run on the context current at this call (a fresh event-loop context when there is none).
   */
  public static RelayEngine open(Vertx vertx, EngineSettings settings, MeterRegistry meters) {
    EventDatabase database = EventDatabase.open(storeDirectory(settings.dataDir()));
    try {
      EngineListeners listeners = new EngineListeners(vertx.getOrCreateContext(), meters);
      AcceptancePolicy policy = AcceptancePolicy.of(settings.policy(), settings.ownRelayUrls());
      EventWriter writer = new EventWriter(database, policy, listeners, meters);
      WorkerExecutor verifiers =
          vertx.createSharedWorkerExecutor("relay-engine-verify", settings.verifyThreads());
      WorkerExecutor readers = vertx.createSharedWorkerExecutor("relay-engine-read", READ_THREADS);
      IngestPipeline pipeline =
          new IngestPipeline(
              vertx, database, writer, verifiers, settings.maxEventTags(), new IngestMetrics(meters));
      EngineEventStore store = new EngineEventStore(database, readers, settings.maxLimit());
      Gauge.builder("relay.store.events", database, EventDatabase::estimatedEventCount)
          .description("Stored events (RocksDB estimate)")
          .register(meters);
      return new RelayEngine(
          settings, database, writer, listeners, verifiers, readers, pipeline, store);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** Where the engine keeps RocksDB for a data directory. */
  public static Path storeDirectory(Path dataDir) {
    return dataDir.resolve(STORE_DIRECTORY);
  }

  /**
   * Runs the whole pipeline: shape limits, id, signature, acceptance policy, replacement and
   * deletion rules, durable storage, then listeners. {@link IngestVerdict.Accepted} only once
   * the event survives a crash (ephemeral events: once accepted; they are never stored).
   * Store failures and shutdown give {@code Rejected("error: ...")}; the future itself does
   * not fail. Completes on the caller's context.
   */
  public Future<IngestVerdict> ingest(Event event, IngestSource source) {
    return pipeline.ingest(event, source);
  }

  /** Called for every accepted event in store order, on one Vert.x context (never the writer thread). */
  public void addListener(Consumer<EngineEvent> listener) {
    listeners.add(listener);
  }

  /** The SPI view for plugins. */
  public EventStore store() {
    return store;
  }

  /**
   * REQ: stored events matching the filters, each filter newest first and bounded by
   * {@code min(limit, maxLimit)} (no limit: maxLimit), an event matching several filters
   * delivered once. Pages (up to 256 events) go to {@code page} on the caller's context; the
   * next page is read only after the future {@code page} returned completes. A failed page
   * future stops the query and fails the result.
   */
  public Future<Void> query(List<Filter> filters, Function<List<Event>, Future<Void>> page) {
    return store.stream(filters, sequence -> {}, page);
  }

  /**
   * As {@link #query(List, Function)}, first telling {@code snapshotTaken}, on the caller's
   * context, the store sequence the query reads at: a listener's {@link EngineEvent} with
   * {@link EngineEvent#inSnapshot} true for it was visible to this query (returned if it
   * matched within the limits), one with false was not. A live subscription uses it to skip
   * the live copy of an event its stored results already held, and nothing else.
   */
  public Future<Void> query(
      List<Filter> filters, LongConsumer snapshotTaken, Function<List<Event>, Future<Void>> page) {
    return store.stream(filters, snapshotTaken, page);
  }

  /** COUNT: distinct stored events matching any of the filters (limits ignored). */
  public Future<Long> count(List<Filter> filters) {
    return store.count(filters);
  }

  public EngineSettings settings() {
    return settings;
  }

  /**
   * Commits what is queued, syncs the WAL and closes RocksDB. Blocking; idempotent. Ingests
   * after this get {@code error:}; running queries fail.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    writer.close();
    verifiers.close();
    readers.close();
    database.close();
  }
}
