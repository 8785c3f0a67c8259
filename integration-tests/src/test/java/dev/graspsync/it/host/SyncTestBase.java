package dev.graspsync.it.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.harness.Cleanup;
import dev.graspsync.it.harness.Eventually;
import dev.graspsync.it.harness.Meters;
import dev.graspsync.it.harness.NodeRelay;
import dev.graspsync.it.harness.TcpFaultProxy;
import dev.graspsync.nostr.event.Event;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every end-to-end sync test needs: a Vert.x for clients and the embedded host, a
 * temporary directory, and a {@link Cleanup} that ends every relay, proxy and host the test
 * started, in reverse order, whatever happened.
 */
public abstract class SyncTestBase {
  protected static final String OWN_URL = EmbeddedHost.OWN_URL;
  /** How long a sync of a few hundred events may take on a loaded 2-core machine. */
  protected static final Duration SYNC_DEADLINE = Duration.ofSeconds(30);
  /** Several batch windows (the tests use 50 ms): long enough for discovery to show more work. */
  protected static final Duration SETTLE = Duration.ofMillis(400);

  protected Vertx vertx;
  protected final Cleanup cleanup = new Cleanup();
  @TempDir protected Path dir;
  private final AtomicInteger sequence = new AtomicInteger();

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void closeEverything() {
    cleanup.close();
    vertx.close().await();
  }

  /** An embedded host with grasp-sync in {@code dir/host}, closed after the test. */
  protected EmbeddedHost startHost(SyncSettings settings) {
    return startHost(EmbeddedHost.builder(vertx, dir.resolve("host")).settings(settings.map()));
  }

  protected EmbeddedHost startHost(EmbeddedHost.Builder builder) {
    return cleanup.add(builder.start());
  }

  /** An in-process reference relay (open policy) as an external relay. */
  protected ReferenceRelay referenceRelay(Map<String, String> extra) {
    return cleanup.add(ReferenceRelay.start(dir.resolve("relay-" + sequence.incrementAndGet()), extra));
  }

  protected ReferenceRelay referenceRelay() {
    return referenceRelay(Map.of());
  }

  /** The @nostr-relay relay; 200 subscriptions a connection unless the test says otherwise. */
  protected NodeRelay nostrRelay(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    if (!all.contains("--max-subscriptions")) {
      all.add("--max-subscriptions");
      all.add("200");
    }
    if (!all.contains("--filter-cache-ms")) {
      all.add("--filter-cache-ms");
      all.add("0");
    }
    return cleanup.add(NodeRelay.start("nostr-relay.mjs", all));
  }

  protected TcpFaultProxy proxy(String relayUrl) {
    return cleanup.add(TcpFaultProxy.start(vertx, relayUrl));
  }

  /** Waits until the host stores every one of {@code events}. */
  protected static void awaitStored(EmbeddedHost host, Collection<Event> events, Duration timeout) {
    List<String> ids = events.stream().map(Event::id).toList();
    Eventually.untilAsserted(timeout, () -> {
      List<String> missing = host.missing(ids);
      assertThat(missing).as("%d of %d events not stored yet", missing.size(), ids.size()).isEmpty();
    });
  }

  protected static void awaitStored(EmbeddedHost host, Collection<Event> events) {
    awaitStored(host, events, SYNC_DEADLINE);
  }

  /** Waits until the host's worker for {@code relay} reports history complete (state 3, connected). */
  protected static void awaitCaughtUp(EmbeddedHost host, String relay, Duration timeout) {
    Eventually.untilAsserted(timeout, () ->
        assertThat(host.connectionState(relay)).as("grasp_sync_relay_connected{relay=%s}", relay).isEqualTo(3));
  }

  protected static void awaitCaughtUp(EmbeddedHost host, String relay) {
    awaitCaughtUp(host, relay, SYNC_DEADLINE);
  }

  /**
   * Waits until the relay's history is complete and stays so for a while: state 3 and no
   * pending batch for {@link #SETTLE} (several batch windows). A worker reports connected
   * between batches too, while events it just stored are still in the coordinator's batch
   * window; only a quiet spell shows that discovery has nothing more for it.
   */
  protected static void awaitSettled(EmbeddedHost host, String relay) {
    Eventually.await("relay " + relay + " settled (connected, nothing pending, for " + SETTLE.toMillis() + " ms)",
        SYNC_DEADLINE, () -> quietFor(SETTLE, () -> host.connectionState(relay) == 3
            && Meters.gaugeOr(host.meters(), "grasp.sync.relay.pending.batches", "relay", relay) == 0));
  }

  /** True when {@code condition} held throughout {@code period} (polled); false at the first miss. */
  protected static boolean quietFor(Duration period, java.util.function.BooleanSupplier condition) {
    try {
      Eventually.holdsFor("quiet", period, condition);
      return true;
    } catch (AssertionError notYet) {
      return false;
    }
  }

  protected static List<String> ids(Collection<Event> events) {
    return events.stream().map(Event::id).toList();
  }
}
