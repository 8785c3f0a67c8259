package dev.graspsync.sync.engine;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Nip34;
import dev.graspsync.spi.AcceptedEvent;
import dev.graspsync.spi.RelayHost;
import dev.graspsync.sync.config.SyncConfig;
import dev.graspsync.sync.dial.Resolver;
import dev.graspsync.sync.state.SyncStateStore;
import dev.graspsync.sync.status.StatusBoard;
import dev.graspsync.sync.status.SyncStatus;
import io.vertx.core.Future;
import dev.graspsync.sync.refused.RefusedMemory;
import dev.graspsync.sync.refused.RefusedRecord;
import dev.graspsync.sync.refused.RefusedStore;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's root object: opens the sync state and the refused-event memory, deploys the
 * coordinator, and forwards the host's hooks to it. Only announcements, root events and
 * deletions matter to discovery; every other accepted event is dismissed here, on the host's
 * thread, at the cost of a few comparisons.
 */
public final class SyncEngine {
  private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

  private final RelayHost host;
  private final SyncConfig config;
  private final Clock clock;
  private final Resolver resolver;
  private Optional<SyncCoordinator> coordinator = Optional.empty();
  private Optional<StateWriter> state = Optional.empty();
  private final StatusBoard board = new StatusBoard();

  /** {@code resolver}: every relay name is looked up through it, before every connection attempt. */
  public SyncEngine(RelayHost host, SyncConfig config, Clock clock, Resolver resolver) {
    this.host = host;
    this.config = config;
    this.clock = clock;
    this.resolver = resolver;
  }

  public Future<Void> start() {
    return host.vertx()
        .executeBlocking(() -> SyncStateStore.open(host.dataDir().resolve("sync-state")))
        .compose(store -> {
          StateWriter writer = new StateWriter(host.vertx(), store);
          state = Optional.of(writer);
          return writer.read(SyncStateStore::loadRefused).map(records -> refusedMemory(writer, records));
        })
        .compose(refused -> {
          SyncMetrics metrics = new SyncMetrics(host.meters());
          metrics.refusedMemory(refused::size);
          SyncCoordinator c = new SyncCoordinator(host, config, clock, state.orElseThrow(), metrics, board, resolver,
              refused);
          coordinator = Optional.of(c);
          return host.vertx().deployVerticle(c);
        })
        .onSuccess(id -> log.info("grasp-sync started"))
        .mapEmpty();
  }

  private RefusedMemory refusedMemory(StateWriter writer, List<RefusedRecord> stored) {
    RefusedMemory memory = new RefusedMemory(clock, config.refusedMemory(), config.refusedMemoryMaxIds(),
        new RefusedStore() {
          @Override
          public void put(RefusedRecord r) {
            writer.write(s -> s.putRefused(r));
          }

          @Override
          public void delete(Collection<String> ids) {
            List<String> copy = List.copyOf(ids);
            writer.write(s -> s.deleteRefused(copy));
          }
        });
    memory.load(stored);
    return memory;
  }

  public void onAccepted(AcceptedEvent accepted) {
    Event e = accepted.event();
    if (e.kind() == Nip34.REPO_ANNOUNCEMENT || Nip34.ROOT_KINDS.contains(e.kind()) || e.kind() == Nip34.DELETION) {
      coordinator.ifPresent(c -> c.offer(e));
    }
  }

  /** The current status of every relay, for the status endpoint; any thread. */
  public SyncStatus status() {
    return board.snapshot(clock.instant());
  }

  public Future<Void> stop() {
    Future<Void> undeployed = coordinator.map(SyncCoordinator::shutdown).orElse(Future.succeededFuture());
    return undeployed
        .eventually(resolver::close)
        .eventually(() -> state.map(StateWriter::close).orElse(Future.succeededFuture()));
  }
}
