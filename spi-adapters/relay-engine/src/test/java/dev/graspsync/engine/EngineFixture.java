package dev.graspsync.engine;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.spi.IngestSource;
import dev.graspsync.spi.IngestVerdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real engine on a real RocksDB in a temporary directory. */
public final class EngineFixture implements AutoCloseable {
  public static final String OWN_URL = "wss://relay.test";
  public static final IngestSource CLIENT = IngestSource.client("test");

  public final Vertx vertx;
  public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  public final EngineSettings settings;
  public RelayEngine engine;

  private EngineFixture(Vertx vertx, EngineSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.engine = RelayEngine.open(vertx, settings, meters);
  }

  public static EngineFixture open(Path dir, AcceptancePolicyKind policy) {
    return open(
        EngineSettings.defaults(dir, policy, List.of(OWN_URL)).withVerifyThreads(2));
  }

  public static EngineFixture open(EngineSettings settings) {
    return new EngineFixture(Vertx.vertx(), settings);
  }

  /** Closes and reopens the engine on the same directory. */
  public void reopen() {
    engine.close();
    engine = RelayEngine.open(vertx, settings, meters);
  }

  public IngestVerdict ingest(Event event) {
    return await(engine.ingest(event, CLIENT));
  }

  public List<Event> query(Filter... filters) {
    List<Event> all = new ArrayList<>();
    await(
        engine.query(
            List.of(filters),
            page -> {
              all.addAll(page);
              return Future.succeededFuture();
            }));
    return all;
  }

  public List<String> queryIds(Filter... filters) {
    return query(filters).stream().map(Event::id).toList();
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }

  @Override
  public void close() {
    engine.close();
    await(vertx.close());
  }
}
