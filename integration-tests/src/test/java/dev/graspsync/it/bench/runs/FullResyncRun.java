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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * B5: full resyncs after B1's history, which NIP-77 makes cost the difference. The host keeps
 * its event store but forgets its sync state, so every relay is synced in full, as on a first
 * connection, an outage past the quick-reconnect window, or the daily resync. First with
 * nothing new on the relays (target: no EVENT re-served, bytes both ways at most 2% of the
 * history's), then with 1% new events spread over the history's time range, most of them
 * backdated (target: EVENTs served at most 1.05x the new ones, every one stored).
 */
public final class FullResyncRun {
  private static final Logger log = LoggerFactory.getLogger(FullResyncRun.class);
  private static final FollowUpGenerator.Weights WEIGHTS = new FollowUpGenerator.Weights(60, 15, 15, 10);
  /** How long every relay must stay caught up, nothing pending, for a resync of nothing new to count as done. */
  private static final Duration QUIET = Duration.ofSeconds(5);

  private FullResyncRun() {}

  public static void run(HistoryWorld w, ResultTable table) {
    String b5 = "B5 full resync";
    resync(w, table, b5 + " (unchanged)", List.of(), 0);

    List<Event> fresh = publishSpreadOut(w, Math.max(1, w.unique.size() / 100));
    resync(w, table, b5 + " (1% new)", fresh, fresh.size());
  }

  private static void resync(HistoryWorld w, ResultTable table, String row, List<Event> fresh, int newEvents) {
    HistoryWorld.deleteTree(w.dir.resolve("host").resolve("plugins").resolve("grasp-sync"));
    String load = LoadAverage.now();
    w.farm.resetWindows();
    Path hostLog = w.dir.resolve("logs").resolve("host-b5-" + newEvents + ".log");
    BenchHost host = BenchHost.startSync(w.dir.resolve("host"), HistoryWorld.OWN_URL,
        HostSettings.plugin(w.proxyUrls()), w.settings.hostJvm("b5"), hostLog, HistoryThroughputRun.hostLogback(w));
    try {
      host.target(newEvents);
      long[] quietSince = {-1};
      Optional<HostStatus> done = Polling.until(host, Duration.ofMinutes(w.settings.timeoutMinutes()),
          Duration.ofMillis(250), row, s -> {
            boolean settled = s.get("reached") >= 0 && s.get("tracked") > 0 && s.pendingBatches() == 0
                && s.get("connectedStates") == 3 * s.get("tracked") && s.get("repos") >= w.repos.size();
            long now = System.nanoTime();
            if (!settled) {
              quietSince[0] = -1;
              return false;
            }
            if (quietSince[0] < 0) {
              quietSince[0] = now;
            }
            return now - quietSince[0] >= QUIET.toNanos();
          });
      HostStatus last = done.orElseGet(host::status);
      ProxyCounts served = w.counts();
      double seconds = (last.get("now") - host.startNanos()) / 1e9 - (done.isPresent() ? QUIET.toSeconds() : 0);
      log.info("{}: {}; served {}", row, last, served);
      long bytes = served.bytesFromRelay() + served.bytesToRelay();
      double ofHistory = bytes / (double) w.uniqueBytes;
      table.add(ResultRow.info(row, "host start until every relay caught up, nothing pending",
          done.isPresent() ? Figures.seconds(seconds) : "not reached: " + last));
      if (newEvents == 0) {
        table.add(new ResultRow(row, "EVENTs re-served", Figures.count(served.events()), "0",
            Verdict.of(done.isPresent() && served.events() == 0)));
        table.add(new ResultRow(row, "bytes both ways (from relays / to relays)",
            Figures.mib(bytes) + " (" + Figures.mib(served.bytesFromRelay()) + " / " + Figures.mib(served.bytesToRelay())
                + "), " + String.format(java.util.Locale.ROOT, "%.2f%%", 100 * ofHistory) + " of the history's "
                + Figures.mib(w.uniqueBytes),
            "<= 2%", Verdict.of(done.isPresent() && ofHistory <= 0.02)));
      } else {
        double ratio = served.events() / (double) newEvents;
        table.add(new ResultRow(row, "EVENTs served for " + Figures.count(newEvents) + " new events (all stored: "
            + (last.get("reached") >= 0 ? "yes" : "no, " + Figures.count(last.accepted())) + ")",
            Figures.count(served.events()) + " (" + Figures.ratio(ratio) + ")", "<= 1.05x",
            Verdict.of(done.isPresent() && ratio <= 1.05)));
        table.add(ResultRow.info(row, "bytes both ways (from relays / to relays)",
            Figures.mib(bytes) + " (" + Figures.mib(served.bytesFromRelay()) + " / "
                + Figures.mib(served.bytesToRelay()) + ")"));
      }
      table.add(ResultRow.info(row, "reconciled filters / fallbacks to REQ; REQs",
          last.get("reconciled") + " / " + last.get("fallbacks") + "; " + Figures.count(served.reqs())));
      table.add(HostTroubleRow.of(row, hostLog, 0, w.settings.gcLog("b5"), w.settings.hostBlockedMs()));
      table.add(ResultRow.info(row, "load average (1 min) at start / end", load + " / " + LoadAverage.now()));
      host.stop();
    } finally {
      host.close();
    }
  }

  /**
   * {@code n} follow-ups (comments, statuses, issues, patches) of random repositories, each dated
   * at a random moment between its repository's start and now, published to the external relays
   * directly (as in B2, 15% on both of the repository's relays) while no host is running.
   */
  private static List<Event> publishSpreadOut(HistoryWorld w, int n) {
    SplittableRandom random = new SplittableRandom(w.settings.seed() + 5);
    long now = Instant.now().getEpochSecond();
    List<String> relayUrls = w.relays.stream().map(HostProcess::url).toList();
    List<Event> fresh = new ArrayList<>(n);
    long copies = 0;
    try (LivePublisher publisher = new LivePublisher(w.vertx, relayUrls)) {
      for (int i = 0; i < n; i++) {
        RepoHistory repo = w.repos.get(random.nextInt(w.repos.size()));
        long at = repo.spec().startAt() + random.nextLong(Math.max(1, now - repo.spec().startAt()));
        Event e = FollowUpGenerator.next(repo, at, random, WEIGHTS);
        fresh.add(e);
        copies += w.sendAsAuthors(publisher, repo, e, random);
      }
      long expected = copies;
      Poller.every(Duration.ofMillis(20)).until(Duration.ofSeconds(60), () -> publisher.oks() >= expected);
      log.info("B5: {} new events spread over the history ({} copies, {} OKs)", n, copies, publisher.oks());
    }
    return fresh;
  }
}
