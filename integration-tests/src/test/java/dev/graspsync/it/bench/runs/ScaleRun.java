package dev.graspsync.it.bench.runs;

import dev.graspsync.it.bench.BenchSettings;
import dev.graspsync.it.bench.fixtures.FixtureKeys;
import dev.graspsync.it.bench.fixtures.HistoryMix;
import dev.graspsync.it.bench.fixtures.RepoHistory;
import dev.graspsync.it.bench.fixtures.RepoHistoryGenerator;
import dev.graspsync.it.bench.fixtures.RepoSpec;
import dev.graspsync.it.bench.infra.BenchHost;
import dev.graspsync.it.bench.infra.BulkPublisher;
import dev.graspsync.it.bench.infra.CountingProxy;
import dev.graspsync.it.bench.infra.HeapHistogram;
import dev.graspsync.it.bench.infra.HostStatus;
import dev.graspsync.it.bench.infra.ProxyFarm;
import dev.graspsync.it.bench.infra.PublishResult;
import dev.graspsync.it.bench.report.LoadAverage;
import dev.graspsync.it.bench.report.ResultRow;
import dev.graspsync.it.bench.report.ResultTable;
import dev.graspsync.it.bench.report.Verdict;
import dev.graspsync.it.harness.ChildJvm;
import dev.graspsync.it.host.HostProcess;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * B4: many repositories over many relay URLs. The reference host serves WebSockets on {@code /}
 * only, so URLs differ by port: a few relay servers, each behind many counting proxies. Each
 * repository lists 1 to 3 URLs drawn by popularity (Zipf), so a few URLs carry thousands of
 * repositories and need consolidation. Its root events are on the servers behind its URLs;
 * announcements are on one bootstrap relay only (were they on the servers too, every URL's
 * relay-wide announcement query would return its whole server's announcements again, an
 * artefact of sharing one store among many URLs).
 */
public final class ScaleRun {
  private static final Logger log = LoggerFactory.getLogger(ScaleRun.class);
  private static final int CONSOLIDATION_THRESHOLD = 70;
  private static final int GENERATION_CHUNK = 500;

  private ScaleRun() {}

  public static void run(BenchSettings settings, Vertx vertx, ResultTable table) {
    Path dir = settings.workDir().resolve("scale");
    HistoryWorld.deleteTree(dir);
    Path logback = ChildJvm.logbackConfig(dir, "WARN");
    List<HostProcess> servers = new ArrayList<>();
    try (ProxyFarm farm = new ProxyFarm(vertx)) {
      HostProcess bootstrap = HostProcess.openRelay("bootstrap", dir, "512m", logback);
      servers.add(bootstrap);
      for (int s = 0; s < settings.b4Servers(); s++) {
        servers.add(HostProcess.openRelay("server-" + s, dir, "768m", logback));
      }
      CountingProxy bootstrapProxy = farm.open(bootstrap.url());
      List<CountingProxy> urls = new ArrayList<>();
      for (int u = 0; u < settings.b4Urls(); u++) {
        urls.add(farm.open(servers.get(1 + u % settings.b4Servers()).url()));
      }
      log.info("B4: {} relay servers behind {} URLs, bootstrap {}", settings.b4Servers(), urls.size(), bootstrapProxy.url());

      Fixtures fixtures = publishFixtures(settings, vertx, servers, urls, bootstrap);
      long total = fixtures.events();
      farm.resetWindows();
      String load = LoadAverage.now();

      BenchHost host = BenchHost.startSync(dir.resolve("host"), HistoryWorld.OWN_URL,
          HostSettings.plugin(List.of(bootstrapProxy.url())), settings.hostJvm("b4"),
          dir.resolve("logs").resolve("host.log"), ChildJvm.logbackConfig(dir, "INFO"));
      try {
        host.target(total);
        int relays = fixtures.listedUrls() + 1;
        boolean[] midway = {false};
        Optional<HostStatus> done = Polling.until(host, Duration.ofMinutes(settings.timeoutMinutes()), Duration.ofSeconds(1),
            "B4 scale", s -> {
              if (!midway[0] && s.accepted() >= total / 2) {
                // what the heap holds while syncing, not only once everything is confirmed
                midway[0] = true;
                log.info("B4: host heap histogram half-way (live objects):\n{}", String.join("\n",
                    HeapHistogram.capture(host.pid(), dir.resolve("logs").resolve("host-histogram-midway.txt"), 25)));
              }
              return s.get("reached") >= 0 && s.pendingBatches() == 0 && s.get("tracked") >= relays;
            });
        HostStatus last = done.orElseGet(host::status);
        HostStatus heap = host.heap();
        log.info("B4: host heap histogram (live objects):\n{}", String.join("\n",
            HeapHistogram.capture(host.pid(), dir.resolve("logs").resolve("host-histogram.txt"), 25)));
        int maxAtOneUrl = 0;
        String busiest = "";
        int over = 0;
        for (CountingProxy p : urls) {
          int m = p.counts().maxOpenSubscriptions();
          if (m > maxAtOneUrl) {
            maxAtOneUrl = m;
            busiest = p.url();
          }
          if (m > CONSOLIDATION_THRESHOLD) {
            over++;
          }
        }
        long served = urls.stream().mapToLong(p -> p.counts().events()).sum() + bootstrapProxy.counts().events();
        long reqs = urls.stream().mapToLong(p -> p.counts().reqs()).sum() + bootstrapProxy.counts().reqs();
        String b4 = "B4 scale";
        table.add(ResultRow.info(b4, "repositories, relay URLs listed (servers), root events",
            Figures.count(settings.b4Repos()) + ", " + fixtures.listedUrls() + " (" + settings.b4Servers()
                + " + bootstrap), " + Figures.count(total - settings.b4Repos())));
        table.add(ResultRow.info(b4, "repositories on the busiest URL (1-3 URLs a repository, Zipf)",
            Figures.count(fixtures.busiestUrlRepos())));
        Path hostLog = dir.resolve("logs").resolve("host.log");
        if (done.isPresent() && last.get("failedBatches") == 0) {
          table.add(new ResultRow(b4, "host start until every batch confirmed (all stored)",
              Figures.seconds((last.get("now") - host.startNanos()) / 1e9) + " (all stored at "
                  + Figures.seconds((last.get("reached") - host.startNanos()) / 1e9) + ")", "all confirmed", Verdict.MET));
        } else if (done.isPresent()) {
          table.add(new ResultRow(b4, "host start until every batch confirmed",
              "all " + Figures.count(total) + " stored at " + Figures.seconds((last.get("reached") - host.startNanos()) / 1e9)
                  + ", no batch pending at " + Figures.seconds((last.get("now") - host.startNanos()) / 1e9) + ", but "
                  + HistoryThroughputRun.failures(last, hostLog), "all confirmed", Verdict.MISSED));
        } else {
          table.add(new ResultRow(b4, "host start until every batch confirmed", Figures.count(last.accepted()) + " of "
              + Figures.count(total) + " stored, " + last.get("tracked") + " of " + relays + " relays tracked; "
              + HistoryThroughputRun.failures(last, hostLog), "all confirmed", Verdict.MISSED));
        }
        long midwayLive = HeapHistogram.totalBytes(dir.resolve("logs").resolve("host-histogram-midway.txt"));
        table.add(new ResultRow(b4, "heap after full GC, all confirmed", Figures.mib(heap.get("used")), "< 256 MiB",
            Verdict.of(heap.get("used") < 256L << 20)));
        if (midwayLive > 0) {
          table.add(new ResultRow(b4, "live heap half-way through the sync (class histogram, after full GC)",
              Figures.mib(midwayLive), "< 256 MiB", Verdict.of(midwayLive < 256L << 20)));
        }
        table.add(ResultRow.info(b4, "highest heap after any GC during the sync (young GCs: upper bound)",
            Figures.mib(heap.get("peakAfterGc")) + " (-Xmx" + settings.hostHeap() + ")"));
        table.add(new ResultRow(b4, "most subscriptions open at once on one relay URL (counted at the wire)",
            maxAtOneUrl + " (" + over + " URLs above " + CONSOLIDATION_THRESHOLD + ")",
            "<= " + CONSOLIDATION_THRESHOLD, Verdict.of(maxAtOneUrl <= CONSOLIDATION_THRESHOLD)));
        table.add(ResultRow.info(b4, "most subscriptions on one relay by grasp-sync's own gauge (sampled every 20 ms)",
            Long.toString(last.get("subsMax"))));
        log.info("B4: busiest URL at the wire: {} ({} subscriptions)", busiest, maxAtOneUrl);
        table.add(ResultRow.info(b4, "EVENTs served; REQs sent", Figures.count(served) + " ("
            + Figures.ratio(served / (double) total) + " the events); " + Figures.count(reqs)));
        table.add(HostTroubleRow.of(b4, hostLog, 0, settings.gcLog("b4"), settings.hostBlockedMs()));
        table.add(ResultRow.info(b4, "load average (1 min) at start / end", load + " / " + LoadAverage.now()));
        host.stop();
      } finally {
        host.close();
      }
    } finally {
      servers.forEach(HostProcess::close);
    }
  }

  /** What was published: unique events, URLs some repository lists, repositories on the busiest URL. */
  private record Fixtures(long events, int listedUrls, int busiestUrlRepos) {}

  /** Generates in chunks (bounded driver memory) and publishes each chunk. */
  private static Fixtures publishFixtures(BenchSettings settings, Vertx vertx, List<HostProcess> servers,
      List<CountingProxy> urls, HostProcess bootstrap) {
    long started = System.nanoTime();
    long now = Instant.now().getEpochSecond();
    int rootsPerRepo = Math.max(1, settings.b4Roots() / settings.b4Repos());
    HistoryMix mix = HistoryMix.rootsOnly(rootsPerRepo);
    ZipfPicker zipf = new ZipfPicker(urls.size());
    List<Keys> owners = IntStream.range(0, Math.max(1, settings.b4Repos() / 4)).parallel()
        .mapToObj(i -> FixtureKeys.derive(settings.seed(), "owner", i)).toList();
    List<Keys> people = IntStream.range(0, 500).parallel()
        .mapToObj(i -> FixtureKeys.derive(settings.seed(), "person", i)).toList();
    long unique = 0;
    PublishResult published = PublishResult.NONE;
    int[] reposPerUrl = new int[urls.size()];
    for (int from = 0; from < settings.b4Repos(); from += GENERATION_CHUNK) {
      int to = Math.min(settings.b4Repos(), from + GENERATION_CHUNK);
      List<RepoHistory> chunk = IntStream.range(from, to).parallel().mapToObj(i -> {
        SplittableRandom r = new SplittableRandom(settings.seed() * 131 + i);
        Set<Integer> listed = new LinkedHashSet<>();
        int want = 1 + r.nextInt(3);
        while (listed.size() < want) {
          listed.add(zipf.pick(r));
        }
        List<Keys> contributors = List.of(people.get(r.nextInt(people.size())), people.get(r.nextInt(people.size())));
        RepoSpec spec = new RepoSpec(i, owners.get(i % owners.size()), contributors, "scale-" + i, HistoryWorld.OWN_URL,
            listed.stream().map(u -> urls.get(u).url()).toList(),
            now - Duration.ofDays(400).toSeconds() + i * 1800L);
        return RepoHistoryGenerator.generate(spec, mix, settings.seed());
      }).toList();
      Map<Integer, List<Event>> perServer = new HashMap<>();
      for (RepoHistory repo : chunk) {
        Set<Integer> serversOfRepo = new LinkedHashSet<>();
        for (String url : repo.spec().relays()) {
          int u = indexOf(urls, url);
          reposPerUrl[u]++;
          serversOfRepo.add(1 + u % settings.b4Servers());
        }
        perServer.computeIfAbsent(0, k -> new ArrayList<>()).add(repo.announcement());
        List<Event> roots = repo.events().subList(1, repo.events().size());
        serversOfRepo.forEach(s -> perServer.computeIfAbsent(s, k -> new ArrayList<>()).addAll(roots));
        unique += repo.events().size();
      }
      published = published.plus(perServer.entrySet().parallelStream()
          .map(e -> BulkPublisher.publish(vertx, servers.get(e.getKey()).url(), e.getValue(), 1000, Duration.ofMinutes(10)))
          .reduce(PublishResult.NONE, PublishResult::plus));
      if (published.refused() > 0) {
        throw new IllegalStateException("relay refused fixtures: " + published.firstRefusal().orElse(""));
      }
    }
    int top = 0;
    int listed = 0;
    for (int c : reposPerUrl) {
      top = Math.max(top, c);
      listed += c > 0 ? 1 : 0;
    }
    log.info("B4: generated and published {} events in {} s ({}); busiest URL lists {} repositories, bootstrap {}",
        unique, (System.nanoTime() - started) / 1_000_000_000, published, top, bootstrap.url());
    return new Fixtures(unique, listed, top);
  }

  private static int indexOf(List<CountingProxy> urls, String url) {
    int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    for (int i = 0; i < urls.size(); i++) {
      if (urls.get(i).port() == port) {
        return i;
      }
    }
    throw new IllegalArgumentException(url);
  }
}
