package dev.graspsync.it.bench.runs;

import dev.graspsync.it.bench.BenchSettings;
import dev.graspsync.it.bench.fixtures.FixtureKeys;
import dev.graspsync.it.bench.fixtures.HistoryMix;
import dev.graspsync.it.bench.fixtures.RepoHistory;
import dev.graspsync.it.bench.fixtures.RepoHistoryGenerator;
import dev.graspsync.it.bench.fixtures.RepoSpec;
import dev.graspsync.it.bench.infra.BulkPublisher;
import dev.graspsync.it.bench.infra.CountingProxy;
import dev.graspsync.it.bench.infra.LivePublisher;
import dev.graspsync.it.bench.infra.ProxyCounts;
import dev.graspsync.it.bench.infra.ProxyFarm;
import dev.graspsync.it.bench.infra.PublishResult;
import dev.graspsync.it.harness.ChildJvm;
import dev.graspsync.it.host.HostProcess;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Nip34;
import io.vertx.core.Vertx;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What B1 to B3 share: external reference-host relays (child processes), a counting proxy in
 * front of each (the URLs announcements list, so what the relays serve is measured at the
 * wire), and the repositories' histories placed on them. Each repository lists two of the
 * relays; its announcement and state are on both, every other event on one of them, and 15%
 * of events on both, as when authors publish to several relays.
 */
public final class HistoryWorld implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HistoryWorld.class);
  /** The host under test's own URL: listed by announcements so GRASP-01 accepts them, never dialled. */
  public static final String OWN_URL = "ws://127.0.0.1:9";
  static final double BOTH_RELAYS = 0.15;

  final BenchSettings settings;
  final Vertx vertx;
  final Path dir;
  final Path logback;
  final List<HostProcess> relays;
  final ProxyFarm farm;
  final List<CountingProxy> proxies;
  final List<RepoHistory> repos;
  final Map<Integer, List<Event>> perRelay;
  final List<Event> unique;
  final long uniqueBytes;

  private HistoryWorld(BenchSettings settings, Vertx vertx, Path dir, Path logback, List<HostProcess> relays,
      ProxyFarm farm, List<CountingProxy> proxies, List<RepoHistory> repos, Map<Integer, List<Event>> perRelay,
      List<Event> unique) {
    this.settings = settings;
    this.vertx = vertx;
    this.dir = dir;
    this.logback = logback;
    this.relays = relays;
    this.farm = farm;
    this.proxies = proxies;
    this.repos = repos;
    this.perRelay = perRelay;
    this.unique = unique;
    this.uniqueBytes = unique.stream().mapToLong(e -> e.json().getBytes(StandardCharsets.UTF_8).length).sum();
  }

  public static HistoryWorld start(BenchSettings settings, Vertx vertx) {
    Path dir = settings.workDir().resolve("history");
    deleteTree(dir);
    Path logback = ChildJvm.logbackConfig(dir, "WARN");
    List<HostProcess> relays = new ArrayList<>();
    ProxyFarm farm = new ProxyFarm(vertx);
    List<CountingProxy> proxies = new ArrayList<>();
    for (int i = 0; i < settings.b1Relays(); i++) {
      HostProcess relay = HostProcess.openRelay("external-" + i, dir, "768m", logback);
      relays.add(relay);
      proxies.add(farm.open(relay.url()));
    }
    log.info("external relays {} behind proxies {}", relays.stream().map(HostProcess::url).toList(),
        proxies.stream().map(CountingProxy::url).toList());

    long started = System.nanoTime();
    long now = Instant.now().getEpochSecond();
    List<RepoHistory> repos = IntStream.range(0, settings.b1Repos()).parallel()
        .mapToObj(i -> RepoHistoryGenerator.generate(spec(settings, i, now, proxies), HistoryMix.thousand(), settings.seed()))
        .toList();
    Map<Integer, List<Event>> perRelay = new ConcurrentHashMap<>();
    List<Event> unique = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(settings.seed() + 17);
    for (RepoHistory repo : repos) {
      List<Integer> listed = repo.spec().relays().stream().map(url -> indexOf(proxies, url)).toList();
      for (Event e : repo.events()) {
        unique.add(e);
        boolean everywhere = e.kind() == Nip34.REPO_ANNOUNCEMENT || e.kind() == Nip34.REPO_STATE
            || random.nextDouble() < BOTH_RELAYS;
        if (everywhere) {
          listed.forEach(r -> perRelay.computeIfAbsent(r, k -> new ArrayList<>()).add(e));
        } else {
          perRelay.computeIfAbsent(listed.get(random.nextInt(listed.size())), k -> new ArrayList<>()).add(e);
        }
      }
    }
    log.info("generated and signed {} events of {} repositories in {} ms", unique.size(), repos.size(),
        (System.nanoTime() - started) / 1_000_000);
    return new HistoryWorld(settings, vertx, dir, logback, relays, farm, proxies, repos, perRelay, unique);
  }

  private static RepoSpec spec(BenchSettings s, int i, long now, List<CountingProxy> proxies) {
    SplittableRandom r = new SplittableRandom(s.seed() * 31 + i);
    int first = r.nextInt(proxies.size());
    int second = (first + 1 + r.nextInt(proxies.size() - 1)) % proxies.size();
    List<Keys> contributors = new ArrayList<>();
    int n = 4 + r.nextInt(5);
    for (int c = 0; c < n; c++) {
      contributors.add(FixtureKeys.derive(s.seed(), "person", r.nextInt(200)));
    }
    return new RepoSpec(i, FixtureKeys.derive(s.seed(), "owner", i), contributors, "repo-" + i, OWN_URL,
        List.of(proxies.get(first).url(), proxies.get(second).url()),
        now - Duration.ofDays(400).toSeconds() + i * Duration.ofDays(3).toSeconds());
  }

  private static int indexOf(List<CountingProxy> proxies, String url) {
    for (int i = 0; i < proxies.size(); i++) {
      if (proxies.get(i).url().equals(url)) {
        return i;
      }
    }
    throw new IllegalArgumentException(url);
  }

  List<String> proxyUrls() {
    return proxies.stream().map(CountingProxy::url).toList();
  }

  /** Publishes each relay's share straight to the relay (not through its proxy), relays in parallel. */
  PublishResult publish(Map<Integer, List<Event>> share) {
    List<PublishResult> results = share.entrySet().parallelStream()
        .map(e -> BulkPublisher.publish(vertx, relays.get(e.getKey()).url(), e.getValue(), 1000, Duration.ofMinutes(10)))
        .toList();
    return results.stream().reduce(PublishResult.NONE, PublishResult::plus);
  }

  /**
   * Sends a new event of {@code repo} straight to its relays as authors do: to one of them, and
   * to both for {@link #BOTH_RELAYS} of events. Returns the copies sent.
   */
  int sendAsAuthors(LivePublisher publisher, RepoHistory repo, Event e, SplittableRandom random) {
    List<String> listed = repo.spec().relays();
    List<String> relayUrls = relays.stream().map(HostProcess::url).toList();
    int first = random.nextInt(listed.size());
    boolean both = random.nextDouble() < BOTH_RELAYS;
    int copies = 0;
    for (int k = 0; k < listed.size(); k++) {
      if (k == first || both) {
        publisher.send(relayUrls.get(proxyUrls().indexOf(listed.get(k))), e);
        copies++;
      }
    }
    return copies;
  }

  ProxyCounts counts() {
    return proxies.stream().map(CountingProxy::counts).reduce(ProxyCounts.ZERO, ProxyCounts::plus);
  }

  Path writeUniqueEvents() {
    Path file = dir.resolve("events.jsonl");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Event e : unique) {
        w.write(e.json());
        w.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  @Override
  public void close() {
    farm.close();
    relays.forEach(HostProcess::close);
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
