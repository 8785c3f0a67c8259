package dev.graspsync.it.bench.runs;

import dev.graspsync.it.bench.fixtures.FollowUpGenerator;
import dev.graspsync.it.bench.fixtures.RepoHistory;
import dev.graspsync.it.bench.infra.BenchHost;
import dev.graspsync.it.bench.infra.HostStatus;
import dev.graspsync.it.bench.infra.LivePublisher;
import dev.graspsync.it.bench.infra.ProxyCounts;
import dev.graspsync.it.bench.report.LoadAverage;
import dev.graspsync.it.bench.report.ResultRow;
import dev.graspsync.it.bench.report.ResultTable;
import dev.graspsync.it.bench.report.Verdict;
import dev.graspsync.it.harness.Poller;
import dev.graspsync.it.host.HostProcess;
import dev.graspsync.nostr.event.Event;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * B2: the host is down for {@code bench.b2.downtime-seconds}; meanwhile new events are
 * published on the external relays at a steady rate (each stamped with its publish time, 15%
 * of them on both of their repository's relays). The host restarts on its data and the proxies
 * count what the relays serve until every new event is stored and no batch is pending. The
 * reference implementation downloads all history again on every restart; the target is at most
 * twice the new events.
 */
public final class ResumeCostRun {
  private static final Logger log = LoggerFactory.getLogger(ResumeCostRun.class);
  private static final FollowUpGenerator.Weights WEIGHTS = new FollowUpGenerator.Weights(60, 15, 15, 10);

  private ResumeCostRun() {}

  /** Runs B2 and returns the restarted host, still running, for B3. */
  public static BenchHost run(HistoryWorld w, Instant stoppedAt, ResultTable table) {
    int n = w.settings.b2NewEvents();
    Duration downtime = Duration.ofSeconds(w.settings.b2DowntimeSeconds());
    long restartAt = System.nanoTime() + downtime.toNanos() - Duration.between(stoppedAt, Instant.now()).toNanos();
    long firstAt = System.nanoTime() + Duration.ofMillis(500).toNanos();
    long interval = Math.max(1, (restartAt - firstAt) / (n + 1));
    SplittableRandom random = new SplittableRandom(w.settings.seed() + 2);
    long bytes = 0;
    long copies = 0;
    List<String> relayUrls = w.relays.stream().map(HostProcess::url).toList();
    try (LivePublisher publisher = new LivePublisher(w.vertx, relayUrls)) {
      for (int i = 0; i < n; i++) {
        long due = firstAt + (i + 1) * interval;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        RepoHistory repo = w.repos.get(random.nextInt(w.repos.size()));
        Event e = FollowUpGenerator.next(repo, Instant.now().getEpochSecond(), random, WEIGHTS);
        bytes += e.json().getBytes(StandardCharsets.UTF_8).length;
        copies += w.sendAsAuthors(publisher, repo, e, random);
      }
      long expected = copies;
      Poller.every(Duration.ofMillis(20)).until(Duration.ofSeconds(30), () -> publisher.oks() >= expected);
      log.info("B2: {} new events ({} copies, {} OKs) published while the host was down", n, copies, publisher.oks());
    }
    double down = Duration.between(stoppedAt, Instant.now()).toMillis() / 1000.0;

    String load = LoadAverage.now();
    w.farm.resetWindows();
    Path hostLog = hostLog(w);
    BenchHost host = BenchHost.startSync(w.dir.resolve("host"), HistoryWorld.OWN_URL,
        HostSettings.plugin(w.proxyUrls()), w.settings.hostJvm("b2"), hostLog, HistoryThroughputRun.hostLogback(w));
    host.target(n);
    Optional<HostStatus> done = Polling.until(host, Duration.ofMinutes(w.settings.timeoutMinutes()),
        Duration.ofMillis(250), "B2 resume", s -> s.get("reached") >= 0 && s.pendingBatches() == 0);
    HostStatus last = done.orElseGet(host::status);
    ProxyCounts served = w.counts();
    log.info("B2: resumed: {}; served {}", last, served);

    String b2 = "B2 resume";
    double ratio = served.events() / (double) n;
    table.add(ResultRow.info(b2, "new events published during the downtime (copies); downtime",
        Figures.count(n) + " (" + Figures.count(copies) + ", " + Figures.mib(bytes) + "); " + Figures.seconds(down)));
    table.add(done.isPresent()
        ? ResultRow.info(b2, "restart until all new events stored, no batch pending",
            Figures.seconds((last.get("now") - host.startNanos()) / 1e9)
                + (last.accepted() > n ? " (" + Figures.count(last.accepted() - n)
                    + " more events stored: history B1 had not synced)" : ""))
        : new ResultRow(b2, "restart until all new events stored", "stored " + Figures.count(last.accepted()) + " of "
            + Figures.count(n) + "; " + HistoryThroughputRun.failures(last, hostLog), "all", Verdict.MISSED));
    table.add(new ResultRow(b2, "EVENTs the external relays served during the resume",
        Figures.count(served.events()) + " (" + Figures.ratio(ratio) + " the new events, which were published "
            + Figures.ratio(copies / (double) n) + " counting copies)", "<= 2x",
        Verdict.of(done.isPresent() && ratio <= 2.0)));
    table.add(ResultRow.info(b2, "bytes served / REQ bytes sent during the resume",
        Figures.mib(served.bytesFromRelay()) + " (" + Figures.ratio(served.bytesFromRelay() / (double) bytes)
            + " the new events' JSON) / " + Figures.mib(served.bytesToRelay()) + " in " + Figures.count(served.reqs())
            + " REQs"));
    table.add(ResultRow.info(b2, "most subscriptions open at once on one relay (counted at the wire)",
        Integer.toString(w.proxies.stream().mapToInt(p -> p.counts().maxOpenSubscriptions()).max().orElse(0))));
    table.add(HostTroubleRow.of(b2, hostLog, 0, w.settings.gcLog("b2"), w.settings.hostBlockedMs()));
    table.add(ResultRow.info(b2, "load average (1 min) at start / end", load + " / " + LoadAverage.now()));
    return host;
  }

  /** The log of B2's host, which B3 goes on using. */
  static Path hostLog(HistoryWorld w) {
    return w.dir.resolve("logs").resolve("host-b2.log");
  }
}
