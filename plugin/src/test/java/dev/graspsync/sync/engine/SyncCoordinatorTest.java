package dev.graspsync.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.spi.PluginConfig;
import dev.graspsync.sync.config.SyncConfig;
import dev.graspsync.sync.dial.Resolver;
import dev.graspsync.sync.fixtures.TestEvents;
import dev.graspsync.sync.index.RepoRef;
import dev.graspsync.sync.refused.RefusedMemory;
import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.session.OnLoop;
import dev.graspsync.sync.state.SyncStateStore;
import dev.graspsync.sync.status.StatusBoard;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator on real Vert.x with real workers and sync state: batch windows that close
 * while a worker deploys, and a hand-off that throws for one relay, lose no relay's targets.
 * The relays never answer (nothing listens on their ports); only the hand-offs are observed.
 */
class SyncCoordinatorTest {
  private static final String OWNER = TestEvents.pubkey(1);
  private static final String R1 = "ws://127.0.0.1:9";
  private static final String R2 = "ws://127.0.0.1:19";
  private static final String R3 = "ws://127.0.0.1:29";

  @TempDir
  Path dir;

  private Vertx vertx;
  private StateWriter state;
  private CoordinatorHost host;
  private SyncCoordinator coordinator;
  private final Steps steps = new Steps();

  /** The real steps, recorded, with deployments that can be held and hand-offs that can fail. */
  private static final class Steps implements WorkerSteps {
    final List<String> deployed = new CopyOnWriteArrayList<>();
    final Map<String, List<ItemSet>> handed = new ConcurrentHashMap<>();
    final Map<String, Promise<Void>> held = new ConcurrentHashMap<>();
    final AtomicBoolean holdDeployments = new AtomicBoolean();
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    final List<String> handedBeforeDeployed = new CopyOnWriteArrayList<>();

    @Override
    public Future<String> deploy(Vertx vertx, RelayWorker worker) {
      String url = worker.url();
      Future<Void> go = Future.succeededFuture();
      if (holdDeployments.get()) {
        Promise<Void> gate = Promise.promise();
        held.put(url, gate);
        go = gate.future();
      }
      return go.compose(v -> WorkerSteps.REAL.deploy(vertx, worker)).onSuccess(id -> deployed.add(url));
    }

    @Override
    public void handTargets(RelayWorker worker, ItemSet items) {
      String url = worker.url();
      if (!deployed.contains(url)) {
        handedBeforeDeployed.add(url);
      }
      if (failing.contains(url)) {
        throw new IllegalStateException("injected hand-off failure for " + url);
      }
      WorkerSteps.REAL.handTargets(worker, items);
      handed.computeIfAbsent(url, k -> new CopyOnWriteArrayList<>()).add(items);
    }

    /** The identifiers of the repositories in the last targets {@code url} was handed. */
    Set<String> lastRepos(String url) {
      List<ItemSet> all = handed.getOrDefault(url, List.of());
      return all.isEmpty() ? Set.of()
          : all.get(all.size() - 1).repos().stream().map(RepoRef::identifier).collect(Collectors.toSet());
    }
  }

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    state = new StateWriter(vertx, SyncStateStore.open(dir.resolve("sync-state")));
    host = new CoordinatorHost(vertx, dir);
    SyncConfig config = SyncConfig.from(new PluginConfig("plugins.grasp-sync.", Map.of(
        "batch-window-ms", "200", "allow-private-addresses", "true", "startup-jitter-ms", "60000")));
    // every relay here is an IP literal: decided without DNS
    Resolver noDns = name -> Future.failedFuture("no DNS in this test");
    coordinator = new SyncCoordinator(host, config, Clock.systemUTC(), state, new SyncMetrics(host.meters()),
        new StatusBoard(), noDns, RefusedMemory.off(Clock.systemUTC()), steps);
    OnLoop.await(vertx.deployVerticle(coordinator));
  }

  @AfterEach
  void stop() {
    OnLoop.await(coordinator.shutdown());
    OnLoop.await(state.close());
    OnLoop.await(vertx.close());
  }

  @Test
  void aWindowClosingWhileAWorkerDeploysHandsTheOtherRelaysTheirTargetsAndTheNewWorkerItsOnce() {
    coordinator.offer(announce("repo-0", R2));
    OnLoop.poll("R2 handed repo-0", () -> steps.lastRepos(R2).equals(Set.of("repo-0")));

    steps.holdDeployments.set(true);
    coordinator.offer(announce("repo-1", R1, R2));
    OnLoop.poll("R1's deployment started", () -> steps.held.containsKey(R1));
    OnLoop.poll("R2 handed repo-1", () -> steps.lastRepos(R2).contains("repo-1"));
    // this window closes while R1 deploys, R1 touched first (a window keeps the order of its changes)
    coordinator.offer(announce("repo-2", R1));
    coordinator.offer(announce("repo-3", R2));
    OnLoop.poll("R2 handed repo-3", () -> steps.lastRepos(R2).contains("repo-3"));
    assertThat(steps.handed).doesNotContainKey(R1);

    steps.held.get(R1).complete();
    OnLoop.poll("R1 handed its targets once deployed", () -> steps.lastRepos(R1).equals(Set.of("repo-1", "repo-2")));
    assertThat(steps.handed.get(R1)).hasSize(1);
    assertThat(steps.handedBeforeDeployed).isEmpty();
    assertThat(failures()).isZero();
  }

  @Test
  void aWorkerStillDeployingIsHandedOnlyTheNewestTargetsNotTheOnesItWasAdmittedWith() {
    steps.holdDeployments.set(true);
    coordinator.offer(announce("repo-1", R1));
    OnLoop.poll("R1's deployment started", () -> steps.held.containsKey(R1));

    // while R1 deploys, repo-2 arrives on R1 and then repo-1 moves to R2: once R2 has repo-1,
    // every plan of these changes has run
    coordinator.offer(announce("repo-2", R1));
    coordinator.offer(TestEvents.announcement(OWNER, "repo-1", 1_700_000_100L,
        List.of(List.of("relays", "ws://own.example", R2))));
    OnLoop.poll("R2's deployment started", () -> steps.held.containsKey(R2));
    steps.held.get(R2).complete();
    OnLoop.poll("R2 handed repo-1", () -> steps.lastRepos(R2).equals(Set.of("repo-1")));
    assertThat(steps.handed).doesNotContainKey(R1);

    steps.held.get(R1).complete();
    OnLoop.poll("R1 handed its newest targets once deployed", () -> steps.handed.containsKey(R1));
    assertThat(steps.lastRepos(R1)).isEqualTo(Set.of("repo-2"));
    assertThat(steps.handed.get(R1)).hasSize(1);
    assertThat(steps.handedBeforeDeployed).isEmpty();
  }

  @Test
  void aHandOffThatFailsForOneRelayKeepsNoneOfTheOthersFromTheirTargetsAndIsRetried() {
    coordinator.offer(announce("repo-0", R1, R2, R3));
    OnLoop.poll("all three handed repo-0", () -> List.of(R1, R2, R3).stream()
        .allMatch(r -> steps.lastRepos(r).equals(Set.of("repo-0"))));

    steps.failing.add(R1);
    // one window, R1 touched first (a window keeps the order of its changes)
    coordinator.offer(announce("repo-1", R1));
    coordinator.offer(announce("repo-2", R2, R3));
    OnLoop.poll("R2 and R3 handed repo-2", () -> steps.lastRepos(R2).contains("repo-2")
        && steps.lastRepos(R3).contains("repo-2"));
    OnLoop.poll("the failure counted", () -> failures() >= 1);
    assertThat(steps.lastRepos(R1)).doesNotContain("repo-1");

    // no further change arrives: R1 stays owed its targets and gets them in a later window
    steps.failing.remove(R1);
    OnLoop.poll("R1 handed repo-1 on retry", () -> steps.lastRepos(R1).equals(Set.of("repo-0", "repo-1")));
  }

  @Test
  void aPlanForMoreRelaysThanOneTurnTakesHandsEachItsTargetsOnceAndTheNextPlanItsNewOnes() {
    int relays = SyncCoordinator.HAND_OUT_PER_TURN * 2 + 3;
    List<String> urls = java.util.stream.IntStream.range(0, relays).mapToObj(i -> "ws://127.0.0.1:" + (20_000 + i))
        .toList();
    // an announcement keeps at most max-relays-per-repo (20) URLs: two repositories share them
    List<List<String>> halves = List.of(urls.subList(0, relays / 2), urls.subList(relays / 2, relays));
    for (int h = 0; h < 2; h++) {
      coordinator.offer(announce("repo-0-" + h, halves.get(h).toArray(String[]::new)));
    }
    OnLoop.poll("every relay handed its repository", () -> urls.stream().allMatch(r -> steps.lastRepos(r).size() == 1));
    assertThat(urls.stream().mapToInt(r -> steps.handed.get(r).size())).containsOnly(1);

    for (int h = 0; h < 2; h++) {
      coordinator.offer(announce("repo-1-" + h, halves.get(h).toArray(String[]::new)));
    }
    OnLoop.poll("every relay handed its second repository", () -> urls.stream().allMatch(r -> steps.lastRepos(r).size() == 2));
    for (int h = 0; h < 2; h++) {
      Set<String> both = Set.of("repo-0-" + h, "repo-1-" + h);
      assertThat(halves.get(h)).allSatisfy(r -> assertThat(steps.lastRepos(r)).isEqualTo(both));
    }
    assertThat(urls.stream().mapToInt(r -> steps.handed.get(r).size())).containsOnly(2);
    assertThat(failures()).isZero();
  }

  private double failures() {
    return host.meters().counter("grasp.sync.plan.handoff.failures").count();
  }

  private static Event announce(String d, String... relays) {
    List<List<String>> tags = new java.util.ArrayList<>();
    // the host's own URL listed too, as a GRASP relay's stored announcements do
    List<String> relaysTag = new java.util.ArrayList<>(List.of("relays", "ws://own.example"));
    relaysTag.addAll(List.of(relays));
    tags.add(relaysTag);
    return TestEvents.announcement(OWNER, d, 1_700_000_000L, tags);
  }
}
