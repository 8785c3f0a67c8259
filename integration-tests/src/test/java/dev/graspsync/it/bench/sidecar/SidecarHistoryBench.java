package dev.graspsync.it.bench.sidecar;

import dev.graspsync.it.bench.report.LoadAverage;
import dev.graspsync.it.fixtures.BulkHistory;
import dev.graspsync.it.harness.NodeRelay;
import dev.graspsync.it.host.HostProcess;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.sidecar.SidecarProcess;
import dev.graspsync.nostr.event.Event;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * B1 through the sidecar, small: the same history (repositories × issues on two external
 * reference relays) synced once by the reference host with grasp-sync and once by the sidecar
 * into @nostr-relay; events per second from start-up until grasp-sync counted every event saved,
 * and the ratio. Not part of the suite; run by hand:
 *
 * <pre>
 * mvn -B -q -o -pl integration-tests test-compile -Dnpm.skip=true
 * java -cp "integration-tests/target/test-classes:$(cat cp.txt)" -Dit.basedir=integration-tests \
 *   -Dbench.repos=5 -Dbench.issues=1000 dev.graspsync.it.bench.sidecar.SidecarHistoryBench
 * </pre>
 */
public final class SidecarHistoryBench {
  private static final Logger log = LoggerFactory.getLogger(SidecarHistoryBench.class);
  private static final String OWN_URL = "ws://127.0.0.1:9";
  private static final long TIMEOUT_NANOS = 15L * 60 * 1_000_000_000L;

  private SidecarHistoryBench() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int repos = Integer.getInteger("bench.repos", 5);
    int issues = Integer.getInteger("bench.issues", 1000);
    Path dir = Files.createTempDirectory("sidecar-bench");
    Vertx vertx = Vertx.vertx();
    List<ReferenceRelay> relays = List.of(ReferenceRelay.start(dir.resolve("ext-1")), ReferenceRelay.start(dir.resolve("ext-2")));
    try {
      List<Event> all = new ArrayList<>();
      for (int r = 0; r < repos; r++) {
        ReferenceRelay relay = relays.get(r % relays.size());
        BulkHistory.Signed history = BulkHistory.repo("bench-" + r, relay.url(), OWN_URL).issues(issues).sign();
        relay.publish(vertx, history.events());
        all.addAll(history.events());
      }
      List<String> urls = relays.stream().map(ReferenceRelay::url).toList();
      SyncSettings settings = SyncSettings.forTests(urls.toArray(String[]::new));
      int n = all.size();

      String loadHost = LoadAverage.now();
      double hostRate;
      long hostStart = System.nanoTime();
      try (HostProcess host = HostProcess.start(dir.resolve("host"), dir.resolve("host-data"), OWN_URL, settings.map(),
          "bench-host")) {
        hostRate = rate(n, hostStart, () -> saved(host.metrics()));
      }
      String loadSidecar = LoadAverage.now();
      double sidecarRate;
      try (NodeRelay operator = NodeRelay.nostrRelay("--max-limit", "1000", "--filter-cache-ms", "0")) {
        long start = System.nanoTime();
        try (SidecarProcess sidecar = SidecarProcess.start(dir.resolve("sidecar"), operator.url(),
            Map.of("sidecar.relay-public-urls", OWN_URL), settings.map())) {
          sidecarRate = rate(n, start, () -> saved(sidecar.get("/metrics").body()));
        }
      }
      String report = String.format("B1 via sidecar: %d events (%d repos x %d issues + announcements, 2 relays)%n"
              + "  reference host with grasp-sync: %.0f events/s (load %s)%n"
              + "  sidecar into @nostr-relay:      %.0f events/s (load %s)%n"
              + "  sidecar / reference host:       %.2fx%n",
          n, repos, issues, hostRate, loadHost, sidecarRate, loadSidecar, sidecarRate / hostRate);
      log.info("\n{}", report);
      System.out.print(report);
    } finally {
      relays.forEach(ReferenceRelay::close);
      vertx.close().await();
    }
  }

  /** Events per second from {@code start} (before the process started) until {@code saved} reaches {@code n}. */
  private static double rate(int n, long start, DoubleSupplier saved) throws InterruptedException {
    while (System.nanoTime() - start < TIMEOUT_NANOS) {
      double now = saved.getAsDouble();
      if (now >= n) {
        return n / ((System.nanoTime() - start) / 1e9);
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("not every event saved within the time bound");
  }

  /** grasp-sync's saved events over every layer, from a Prometheus scrape. */
  static double saved(String scrape) {
    double sum = 0;
    for (String line : scrape.split("\n")) {
      if (line.startsWith("grasp_sync_events_total{") && line.contains("verdict=\"saved\"")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }
}
