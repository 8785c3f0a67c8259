package dev.graspsync.it.bench.runs;

import dev.graspsync.it.bench.infra.BenchHost;
import dev.graspsync.it.bench.infra.CpuWindow;
import dev.graspsync.it.bench.infra.HostLog;
import dev.graspsync.it.bench.infra.HostStatus;
import dev.graspsync.it.bench.infra.ProxyCounts;
import dev.graspsync.it.bench.infra.PublishResult;
import dev.graspsync.it.bench.report.LoadAverage;
import dev.graspsync.it.bench.report.ResultRow;
import dev.graspsync.it.bench.report.ResultTable;
import dev.graspsync.it.bench.report.Verdict;
import dev.graspsync.it.harness.ChildJvm;
import dev.graspsync.it.host.HostProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * B1: on the same events, the direct-ingest limit (the host's engine alone, in-process), the
 * naive nostr-tools copier (REQ everything, publish each to a reference host), then a host with
 * grasp-sync that starts empty and pulls every repository's history from the external relays;
 * the time until every event is stored gives the sync rate. The baselines run first so that the
 * host's downtime before B2 does not depend on which of them run.
 */
public final class HistoryThroughputRun {
  private static final Logger log = LoggerFactory.getLogger(HistoryThroughputRun.class);

  private HistoryThroughputRun() {}

  /** Runs B1; leaves the synced host's data in place for B2 and returns when the host stopped. */
  public static Instant run(HistoryWorld w, ResultTable table, Path basedir) {
    String b1 = "B1 history";
    PublishResult published = w.publish(w.perRelay);
    log.info("B1: published to the external relays: {}", published);
    if (published.refused() > 0) {
      throw new IllegalStateException("external relays refused fixtures: " + published.firstRefusal().orElse(""));
    }
    long n = w.unique.size();
    table.add(ResultRow.info(b1, "events (" + w.repos.size() + " repos x 1,000, " + w.relays.size()
            + " relays); copies published",
        Figures.count(n) + " (" + Figures.mib(w.uniqueBytes) + " of JSON); " + Figures.count(published.accepted())));

    HostStatus direct = BenchHost.directIngest(w.dir.resolve("direct"), HistoryWorld.OWN_URL, w.writeUniqueEvents(),
        1024, Duration.ofMinutes(w.settings.timeoutMinutes()), w.settings.baselineJvm("direct"),
        w.dir.resolve("logs").resolve("direct.log"), hostLogback(w));
    double directRate = direct.get("total") / (direct.get("nanos") / 1e9);
    double directPerCpu = direct.get("total") / (direct.get("cpu") / 1e9);
    log.info("B1: direct ingest {} events/s ({})", directRate, direct.fields());
    table.add(ResultRow.info(b1, "direct ingest (engine in-process: id, signature, policy, durable write)",
        Figures.rate(directRate) + " events/s (" + Figures.count(direct.get("accepted")) + " accepted, "
            + direct.get("rejected") + " rejected)"));

    double copierRate = Double.NaN;
    double fastCopierRate = Double.NaN;
    if (w.settings.copier()) {
      Map<String, Long> copier = copy(w, basedir, true);
      copierRate = copier.getOrDefault("unique", 0L) / (copier.getOrDefault("ms", 1L) / 1000.0);
      log.info("B1: naive copier {} events/s ({})", copierRate, copier);
      table.add(ResultRow.info(b1, "naive copier (nostr-tools, which checks signatures)",
          Figures.rate(copierRate) + " events/s (" + Figures.count(copier.getOrDefault("unique", 0L)) + " copied in "
              + Figures.seconds(copier.getOrDefault("ms", 0L) / 1000.0) + ")"));
      if (w.settings.copierNoVerifyToo()) {
        Map<String, Long> fast = copy(w, basedir, false);
        fastCopierRate = fast.getOrDefault("unique", 0L) / (fast.getOrDefault("ms", 1L) / 1000.0);
        log.info("B1: naive copier without verification {} events/s ({})", fastCopierRate, fast);
        table.add(ResultRow.info(b1, "naive copier without signature checks",
            Figures.rate(fastCopierRate) + " events/s (" + Figures.count(fast.getOrDefault("unique", 0L))
                + " copied in " + Figures.seconds(fast.getOrDefault("ms", 0L) / 1000.0) + ")"));
      }
    }

    String load = LoadAverage.now();
    w.farm.resetWindows();
    CpuWindow cpu = CpuWindow.open(w.relays.stream().map(HostProcess::pid).toList());
    Path hostLog = w.dir.resolve("logs").resolve("host-b1.log");
    BenchHost host = BenchHost.startSync(w.dir.resolve("host"), HistoryWorld.OWN_URL,
        HostSettings.plugin(w.proxyUrls()), w.settings.hostJvm("b1"), hostLog, hostLogback(w));
    try {
      host.target(n);
      // CPU is read at every poll that saw progress, so a sync that stalls is charged up to its last event only
      CpuWindow.Usage[] usageAtLastEvent = {cpu.close(0)};
      long[] lastCount = {-1};
      Optional<HostStatus> stored = Polling.until(host, Duration.ofMinutes(w.settings.timeoutMinutes()),
          Duration.ofMillis(250), "B1 sync", s -> {
            if (s.accepted() != lastCount[0]) {
              lastCount[0] = s.accepted();
              usageAtLastEvent[0] = cpu.close(s.get("cpu") - host.startCpuNanos());
            }
            return s.get("reached") >= 0;
          });
      HostStatus last = stored.orElseGet(host::status);
      CpuWindow.Usage usage = usageAtLastEvent[0];
      Optional<HostStatus> settled = stored.flatMap(s -> Polling.until(host, Duration.ofMinutes(5),
          Duration.ofMillis(250), "B1 batches", st -> st.pendingBatches() == 0));
      HostStatus heap = host.heap();
      ProxyCounts served = w.counts();
      String loadEnd = LoadAverage.now();
      long storedCount = stored.isPresent() ? n : last.accepted();
      double syncSeconds = ((stored.isPresent() ? last.get("reached") : last.get("last")) - host.startNanos()) / 1e9;
      double syncRate = storedCount / syncSeconds;
      log.info("B1: {} events stored in {} s ({} events/s); served {}", storedCount, syncSeconds, syncRate, served);
      host.stop();
      Instant stoppedAt = Instant.now();

      table.add(stored.isPresent()
          ? ResultRow.info(b1, "grasp-sync: host start until all stored", Figures.seconds(syncSeconds)
              + (settled.isPresent() ? "; every batch confirmed at "
                  + Figures.seconds((settled.get().get("now") - host.startNanos()) / 1e9) : ""))
          : new ResultRow(b1, "grasp-sync: host start until all stored", Figures.count(storedCount) + " of "
              + Figures.count(n) + " stored, the last at " + Figures.seconds(syncSeconds) + "; " + failures(last, hostLog),
              "all", Verdict.MISSED));
      table.add(ResultRow.info(b1, "grasp-sync rate" + (stored.isPresent() ? "" : " (over the events it stored)"),
          Figures.rate(syncRate) + " events/s"));
      double ofDirect = syncRate / directRate;
      table.add(new ResultRow(b1, "grasp-sync / direct ingest", Figures.ratio(ofDirect), ">= 0.50x",
          Verdict.of(ofDirect >= 0.5)));
      if (!Double.isNaN(copierRate)) {
        double ofCopier = syncRate / copierRate;
        table.add(new ResultRow(b1, "grasp-sync / naive copier", Figures.ratio(ofCopier), ">= 3x",
            Verdict.of(ofCopier >= 3)));
      }
      if (!Double.isNaN(fastCopierRate)) {
        table.add(ResultRow.info(b1, "grasp-sync / naive copier without signature checks",
            Figures.ratio(syncRate / fastCopierRate)));
      }
      table.add(ResultRow.info(b1, "CPU core-seconds from host start to the last stored event, by process",
          usage.describe(Runtime.getRuntime().availableProcessors())));
      double syncPerCpu = storedCount / usage.host();
      table.add(ResultRow.info(b1, "events per host CPU-second: grasp-sync / direct ingest",
          Figures.rate(syncPerCpu) + " / " + Figures.rate(directPerCpu) + " ("
              + Figures.ratio(syncPerCpu / directPerCpu) + ")"));
      table.add(ResultRow.info(b1, "served by the external relays during the sync",
          Figures.count(served.events()) + " EVENTs (" + Figures.ratio(served.events() / (double) n) + " the events), "
              + Figures.mib(served.bytesFromRelay()) + "; " + Figures.count(served.reqs()) + " REQs ("
              + Figures.mib(served.bytesToRelay()) + ")"));
      table.add(ResultRow.info(b1, "most subscriptions open at once on one relay (counted at the wire)",
          w.proxies.stream().mapToInt(p -> p.counts().maxOpenSubscriptions()).max().orElse(0)
              + " (consolidation threshold 70; the relays refuse more than 100)"));
      table.add(ResultRow.info(b1, "host heap after full GC (highest after any GC during the sync)",
          Figures.mib(heap.get("used")) + " (" + Figures.mib(heap.get("peakAfterGc")) + ")"));
      table.add(HostTroubleRow.of(b1, hostLog, 0, w.settings.gcLog("b1"), w.settings.hostBlockedMs()));
      table.add(ResultRow.info(b1, "load average (1 min) at start / end of the sync", load + " / " + loadEnd));
      return stoppedAt;
    } finally {
      host.close();
    }
  }

  private static Map<String, Long> copy(HistoryWorld w, Path basedir, boolean verify) {
    HostProcess target = HostProcess.openRelay("copier-target-" + (verify ? "a" : "b"), w.dir, "768m", w.logback);
    try {
      return NaiveCopier.run(basedir, target.url(), w.proxyUrls(), verify, w.dir.resolve("logs").resolve("copier.log"));
    } finally {
      target.close();
    }
  }

  /** "N batches failed (first: REASON)", or why else the host stopped storing. */
  static String failures(HostStatus last, Path hostLog) {
    long failed = last.get("failedBatches");
    if (failed == 0) {
      return "no batch failed, " + last.pendingBatches() + " pending";
    }
    return failed + " batches failed, parked until the daily resync (first: "
        + HostLog.firstBatchFailure(hostLog).orElse("?") + ")";
  }

  static Path hostLogback(HistoryWorld w) {
    return ChildJvm.logbackConfig(w.dir, "INFO");
  }
}
