package dev.graspsync.sync.engine;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.negentropy.PackedStorage;
import dev.graspsync.spi.AcceptedEvent;
import dev.graspsync.spi.EventStore;
import dev.graspsync.spi.IngestSource;
import dev.graspsync.spi.IngestVerdict;
import dev.graspsync.spi.PluginConfig;
import dev.graspsync.spi.RelayHost;
import dev.graspsync.spi.RelayIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A host with an empty store, for coordinator tests: the coordinator's index is fed through
 * {@link SyncCoordinator#offer}, and its workers dial relays that do not answer, so nothing is
 * ever ingested.
 */
final class CoordinatorHost implements RelayHost {
  private final Vertx vertx;
  private final Path dataDir;
  private final MeterRegistry meters = new SimpleMeterRegistry();

  CoordinatorHost(Vertx vertx, Path dataDir) {
    this.vertx = vertx;
    this.dataDir = dataDir;
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public PluginConfig config() {
    return PluginConfig.empty("grasp-sync");
  }

  @Override
  public RelayIdentity identity() {
    return new RelayIdentity(List.of("ws://own.example"), Optional.empty());
  }

  @Override
  public Path dataDir() {
    return dataDir;
  }

  @Override
  public MeterRegistry meters() {
    return meters;
  }

  @Override
  public EventStore store() {
    return storeWithKeys(PackedStorage.empty());
  }

  /** A store that holds no events yet answers every key scan with {@code keys}. */
  static EventStore storeWithKeys(PackedStorage keys) {
    return new EventStore() {
      @Override
      public Future<List<Event>> query(List<Filter> filters) {
        return Future.succeededFuture(List.of());
      }

      @Override
      public Future<Void> scan(List<Filter> filters, Consumer<List<Event>> page) {
        return Future.succeededFuture();
      }

      @Override
      public Future<Boolean> contains(String eventId) {
        return Future.succeededFuture(false);
      }

      @Override
      public Future<Set<String>> containsAll(Collection<String> eventIds) {
        return Future.succeededFuture(Set.of());
      }

      @Override
      public Future<PackedStorage> keys(Filter filter, int maxItems) {
        return Future.succeededFuture(keys);
      }
    };
  }

  @Override
  public Future<IngestVerdict> ingest(Event event, IngestSource source) {
    return Future.failedFuture("this host stores nothing");
  }

  @Override
  public void onStartup(Supplier<Future<Void>> handler) {}

  @Override
  public void onEventAccepted(Consumer<AcceptedEvent> handler) {}

  @Override
  public void onShutdown(Supplier<Future<Void>> handler) {}
}
