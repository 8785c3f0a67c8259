package dev.graspsync.it.bench.runs;

import dev.graspsync.it.bench.fixtures.FollowUpGenerator;
import dev.graspsync.it.bench.fixtures.RepoHistory;
import dev.graspsync.it.bench.infra.BenchHost;
import dev.graspsync.it.bench.infra.HostTrouble;
import dev.graspsync.it.bench.infra.LivePublisher;
import dev.graspsync.it.bench.report.LoadAverage;
import dev.graspsync.it.bench.report.ResultRow;
import dev.graspsync.it.bench.report.ResultTable;
import dev.graspsync.it.bench.report.Verdict;
import dev.graspsync.it.host.HostProcess;
import dev.graspsync.nostr.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * B3: events published on the external relays at a steady rate (comments and statuses on
 * existing roots, new issues and patches), each timed from the moment its EVENT is written to
 * the relay to the host's event-accepted hook. Both sides read System.nanoTime(), which on
 * Linux is CLOCK_MONOTONIC and shared by every process of the machine.
 */
public final class LiveLatencyRun {
  private static final Logger log = LoggerFactory.getLogger(LiveLatencyRun.class);
  private static final FollowUpGenerator.Weights WEIGHTS = new FollowUpGenerator.Weights(70, 15, 10, 5);

  private LiveLatencyRun() {}

  public static void run(HistoryWorld w, BenchHost host, ResultTable table) {
    String load = LoadAverage.now();
    long logFrom = HostTrouble.size(ResumeCostRun.hostLog(w));
    int rate = w.settings.b3Rate();
    int n = rate * w.settings.b3Seconds();
    long intervalNanos = 1_000_000_000L / rate;
    SplittableRandom random = new SplittableRandom(w.settings.seed() + 3);
    long startEpoch = Instant.now().getEpochSecond() + 2;
    List<Event> events = new ArrayList<>(n);
    List<String> targets = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      RepoHistory repo = w.repos.get(random.nextInt(w.repos.size()));
      events.add(FollowUpGenerator.next(repo, startEpoch + i / rate, random, WEIGHTS));
      String proxyUrl = repo.spec().relays().get(random.nextInt(repo.spec().relays().size()));
      targets.add(w.relays.get(w.proxyUrls().indexOf(proxyUrl)).url());
    }
    long[] sent = new long[n];
    long before = host.status().accepted();
    try (LivePublisher publisher = new LivePublisher(w.vertx, w.relays.stream().map(HostProcess::url).toList())) {
      host.watch();
      long start = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      for (int i = 0; i < n; i++) {
        long due = start + i * intervalNanos;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        sent[i] = System.nanoTime();
        publisher.send(targets.get(i), events.get(i));
      }
      Polling.until(host, Duration.ofSeconds(30), Duration.ofMillis(100), "B3 drain",
          s -> s.accepted() - before >= n);
      log.info("B3: {} published, {} OKs", n, publisher.oks());
    }
    Map<String, Long> arrived = host.dump();
    double[] latencies = new double[n];
    int got = 0;
    int lateOrLost = 0;
    for (int i = 0; i < n; i++) {
      Long at = arrived.get(events.get(i).id());
      if (at != null) {
        latencies[got++] = (at - sent[i]) / 1e6;
      } else {
        lateOrLost++;
      }
    }
    double[] measured = java.util.Arrays.copyOf(latencies, got);
    double p50 = Figures.percentile(measured, 50);
    double p99 = Figures.percentile(measured, 99);
    double max = Figures.percentile(measured, 100);
    log.info("B3: p50 {} ms, p99 {} ms, max {} ms, missing {}", p50, p99, max, lateOrLost);
    String b3 = "B3 live";
    table.add(ResultRow.info(b3, "published", Figures.count(n) + " events, " + rate + "/s for "
        + w.settings.b3Seconds() + " s, over " + w.relays.size() + " relays"));
    table.add(ResultRow.info(b3, "publish to event-accepted hook, p50", Figures.millis(p50)));
    table.add(new ResultRow(b3, "publish to event-accepted hook, p99", Figures.millis(p99), "< 250 ms",
        Verdict.of(lateOrLost == 0 && p99 < 250)));
    table.add(ResultRow.info(b3, "max; not stored within 30 s of the last publish",
        Figures.millis(max) + "; " + lateOrLost));
    table.add(HostTroubleRow.of(b3, ResumeCostRun.hostLog(w), logFrom, w.settings.gcLog("b2"),
        w.settings.hostBlockedMs()));
    table.add(ResultRow.info(b3, "load average (1 min) at start / end", load + " / " + LoadAverage.now()));
  }
}
