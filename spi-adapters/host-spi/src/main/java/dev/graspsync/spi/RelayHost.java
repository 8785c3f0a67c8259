package dev.graspsync.spi;

import dev.graspsync.nostr.event.Event;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a host relay offers a plugin. One instance per plugin; every method may be called
 * from any thread unless it says otherwise, and none blocks.
 */
public interface RelayHost {

  /** The host's Vert.x instance; plugins deploy their verticles on it. */
  Vertx vertx();

  /** The plugin's own properties: the host's {@code plugins.<id>.*} keys, prefix removed. */
  PluginConfig config();

  /** This relay's public URL(s) and, when configured, the key it authenticates with (NIP-42). */
  RelayIdentity identity();

  /**
   * A directory that belongs to this plugin alone, created by the host, kept across
   * restarts ({@code <relay.data-dir>/plugins/<id>}).
   */
  Path dataDir();

  /** The host's Micrometer registry; what the plugin registers shows at the host's /metrics. */
  MeterRegistry meters();

  /** Read access to the host's stored events. */
  EventStore store();

  /**
   * Runs the host's whole acceptance pipeline on an event (shape, id, signature, policy,
   * replacement rules, storage) exactly as if a client had published it.
   *
   * <p>Threading: callable from any thread; the future completes on the caller's Vert.x
   * context when there is one. Completes once the verdict is final and, for {@link
   * IngestVerdict.Accepted}, once the event is durable and the event-accepted hooks have been
   * scheduled. Never fails for a bad event: that is a {@link IngestVerdict.Rejected}; it fails
   * only when the host itself cannot store (disk error, shutting down).
   */
  Future<IngestVerdict> ingest(Event event, IngestSource source);

  /**
   * Runs once, after the store is open and the relay's port listens. The handler runs on a
   * Vert.x event loop and must not block; it returns a future the host waits for (with a
   * time bound) before it reports itself ready. A failed future or a throw is logged and
   * isolates the plugin; the relay keeps serving.
   */
  void onStartup(Supplier<Future<Void>> handler);

  /**
   * Called after every event the host stored, whatever its source (clients, this or other
   * plugins), in the order they were stored, on a host event loop. Must not block; a throw
   * is logged and counted, never propagated to the publisher.
   */
  void onEventAccepted(Consumer<AcceptedEvent> handler);

  /**
   * Serves HTTP GET requests for exactly {@code path} (for example {@code /sync/status}) on the
   * relay's own port, so operators reach a plugin's status where they reach the relay. The
   * handler runs on a host event loop and must not block; a throw answers 500 and is logged.
   * The host's own paths ({@code /}, {@code /metrics}, {@code /health}) cannot be taken.
   * Call from {@link RelayPlugin#register}.
   *
   * @return false when this host serves no HTTP (the default): the plugin then has no page
   * @throws IllegalArgumentException for a path the host or another plugin already serves
   */
  default boolean serveHttp(String path, Handler<HttpServerRequest> handler) {
    return false;
  }

  /**
   * Runs once when the host shuts down (SIGTERM), before the store closes. The host waits
   * for the returned future, bounded by its shutdown grace period.
   */
  void onShutdown(Supplier<Future<Void>> handler);
}
