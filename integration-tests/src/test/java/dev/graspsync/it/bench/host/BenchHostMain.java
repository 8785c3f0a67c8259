package dev.graspsync.it.bench.host;

import dev.graspsync.engine.EngineSettings;
import dev.graspsync.engine.RelayEngine;
import dev.graspsync.host.config.RelayConfig;
import dev.graspsync.host.config.RelayConfigParser;
import dev.graspsync.host.metrics.RelayMetrics;
import dev.graspsync.host.plugins.PluginBootstrap;
import dev.graspsync.it.bench.BenchSettings;
import dev.graspsync.it.bench.infra.CpuTime;
import dev.graspsync.spi.AcceptedEvent;
import dev.graspsync.spi.RelayIdentity;
import dev.graspsync.spi.hosting.PluginHooks;
import dev.graspsync.sync.GraspSyncPlugin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host under test, in a process of its own so its heap is its own: the reference host's
 * engine (RocksDB store, GRASP-01 policy, ingest pipeline) and plugin hosting, exactly as
 * {@code RelayRuntime} wires them, with grasp-sync and {@link BenchProbe} as plugins and no
 * WebSocket server (nothing dials this relay; its URL is only compared).
 *
 * <p>{@code sync DATA_DIR OWN_URL [key=value...]} (grasp-sync properties) runs until stdin
 * says {@code stop}; {@code ingest DATA_DIR OWN_URL EVENTS_FILE WINDOW} is the direct-ingest
 * limit: the file's events (JSON lines, in causal order) through the engine's ingest, no plugin.
 *
 * <p>The driver talks over stdin/stdout, one request line, one reply line starting with
 * {@code @}. That channel is this process's protocol, not logging, hence a raw stream.
 */
public final class BenchHostMain {
  private static final Logger log = LoggerFactory.getLogger(BenchHostMain.class);

  private BenchHostMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    switch (args[0]) {
      case "sync" -> sync(args, out);
      case "ingest" -> DirectIngest.run(Path.of(args[1]), args[2], Path.of(args[3]), Integer.parseInt(args[4]), out);
      default -> throw new IllegalArgumentException("mode must be sync or ingest, was " + args[0]);
    }
  }

  private static void sync(String[] args, PrintStream out) throws IOException {
    long startNanos = System.nanoTime();
    long startCpu = CpuTime.ownNanos();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("relay.data-dir", args[1]);
    settings.put("relay.url", args[2]);
    settings.put("relay.policy", "grasp");
    settings.put("relay.plugins", GraspSyncPlugin.ID + ",bench-probe");
    for (int i = 3; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      settings.put("plugins." + GraspSyncPlugin.ID + "." + args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    RelayConfig config = RelayConfigParser.parse(settings);
    Vertx vertx = Vertx.vertx(blockedCheck());
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HeapWatch heap = new HeapWatch();
    List<String> urls = config.ownUrls(9);
    RelayEngine engine = RelayEngine.open(vertx, new EngineSettings(config.dataDir(), config.policy(), urls,
        config.maxLimit(), config.maxEventTags(), config.effectiveVerifyThreads()), meters);
    PluginHooks hooks = new PluginHooks(vertx.getOrCreateContext(), new RelayMetrics(meters)::pluginError);
    BenchProbe probe = new BenchProbe();
    PluginBootstrap.register(List.of(new GraspSyncPlugin(), probe), config, vertx,
        new RelayIdentity(urls, Optional.empty()), meters, engine, hooks);
    engine.addListener(e -> {
      if (e.stored()) {
        hooks.eventAccepted(new AcceptedEvent(e.event(), e.source()));
      }
    });
    hooks.runStartup(Duration.ofSeconds(60)).await();
    long readyNanos = System.nanoTime();
    log.info("bench host ready: {} with grasp-sync {}", urls, settings);
    out.println("@ready start=" + startNanos + " ready=" + readyNanos + " cpu=" + CpuTime.ownNanos() + " startCpu=" + startCpu);

    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] cmd = line.trim().split(" ");
      switch (cmd[0]) {
        case "status" -> out.println(status(probe, heap));
        case "target" -> {
          probe.target(Long.parseLong(cmd[1]));
          out.println("@ok");
        }
        case "reset-max" -> {
          probe.resetMaxSubscriptions();
          heap.resetPeak();
          out.println("@ok");
        }
        case "watch" -> {
          probe.watch();
          out.println("@ok");
        }
        case "dump" -> {
          StringBuilder s = new StringBuilder("@dump");
          probe.watched().forEach((id, nanos) -> s.append(' ').append(id).append(':').append(nanos));
          out.println(s);
        }
        case "gc" -> out.println("@heap used=" + heap.fullGc()
            + " peakAfterGc=" + heap.peakAfterGc()
            + " max=" + Runtime.getRuntime().maxMemory());
        case "stop" -> {
          probe.stop();
          hooks.runShutdown(Duration.ofSeconds(30)).await();
          engine.close();
          vertx.close().await();
          meters.close();
          out.println("@stopped");
          return;
        }
        default -> out.println("@error unknown command " + cmd[0]);
      }
    }
    // stdin closed: the driver is gone
    engine.close();
    System.exit(0);
  }

  /**
   * Vert.x warns, with the loop's stack, when an event loop runs one task longer than the
   * bench's threshold ({@value BenchSettings#BLOCKED_MS_PROPERTY}, 200 ms by default; Vert.x's
   * own default is 2 s): the bench counts those warnings in this host's log.
   */
  private static VertxOptions blockedCheck() {
    long limit = Long.getLong(BenchSettings.BLOCKED_MS_PROPERTY, 200);
    return new VertxOptions()
        .setMaxEventLoopExecuteTime(limit).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setBlockedThreadCheckInterval(Math.max(10, limit / 2)).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setWarningExceptionTime(limit).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS);
  }

  private static String status(BenchProbe probe, HeapWatch heap) {
    double[] pending = probe.gauge("grasp.sync.relay.pending.batches");
    double[] subs = probe.gauge("grasp.sync.relay.subscriptions");
    double[] connected = probe.gauge("grasp.sync.relay.connected");
    return "@status accepted=" + probe.accepted()
        + " reached=" + probe.reachedAt()
        + " last=" + probe.lastAt()
        + " now=" + System.nanoTime()
        + " cpu=" + CpuTime.ownNanos()
        + " pending=" + (long) pending[0]
        + " subsNow=" + (long) subs[0]
        + " subsNowMax=" + (long) subs[1]
        + " subsMax=" + probe.maxSubscriptions()
        + " subsMaxRelay=" + probe.maxSubscriptionsRelay()
        + " tracked=" + (long) probe.single("grasp.sync.relays.tracked")
        + " connected=" + (long) probe.single("grasp.sync.relays.connected")
        + " repos=" + (long) probe.single("grasp.sync.repos.tracked")
        + " roots=" + (long) probe.single("grasp.sync.root.events.tracked")
        + " saved=" + (long) probe.counter("grasp.sync.events", "verdict", "saved")
        + " duplicate=" + (long) probe.counter("grasp.sync.events", "verdict", "duplicate")
        + " rejected=" + (long) probe.counter("grasp.sync.events", "verdict", "rejected")
        + " failedBatches=" + (long) probe.counterTotal("grasp.sync.batches.failed")
        + " connectedStates=" + (long) connected[0]
        + " reconciled=" + (long) probe.counter("grasp.sync.reconciliations", "outcome", "reconciled")
        + " fallbacks=" + (long) probe.counterTotal("grasp.sync.reconcile.fallbacks")
        + " heapPeakAfterGc=" + heap.peakAfterGc();
  }
}
