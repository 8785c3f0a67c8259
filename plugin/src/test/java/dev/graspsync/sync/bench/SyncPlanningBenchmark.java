package dev.graspsync.sync.bench;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Nip34;
import dev.graspsync.sync.index.IndexRules;
import dev.graspsync.sync.index.IndexUpdate;
import dev.graspsync.sync.index.RepoIndex;
import dev.graspsync.sync.index.RepoRef;
import dev.graspsync.sync.plan.FilterPlan;
import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.plan.LabelledFilter;
import dev.graspsync.sync.plan.LiveBudget;
import dev.graspsync.sync.plan.LiveLayout;
import dev.graspsync.sync.plan.PlanDiff;
import dev.graspsync.sync.plan.Planner;
import dev.graspsync.sync.plan.RelayTarget;
import dev.graspsync.sync.plan.RelayTargets;
import dev.graspsync.sync.relay.AddressPolicy;
import dev.graspsync.sync.relay.RelayUrl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Sync planning at scale: 10,000 repositories, each listing 5 of 200 relays, 50 root events
 * each (500,000 root events), the reference's own "redesign" scale. Measures the pure core
 * only: index bulk load, targets per relay, new work, filter building, and the per-event
 * incremental path that runs while a sync is under way.
 *
 * <p>Run: {@code java -cp <test classpath> dev.graspsync.sync.bench.SyncPlanningBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g"})
public class SyncPlanningBenchmark {
  /** The reference host's limits: 100 subscriptions, 100 filters and 512 KiB a REQ. */
  private static final LiveBudget LIVE_BUDGET =
      LiveBudget.of(70, OptionalInt.of(100), OptionalInt.of(100), 20, OptionalInt.of(524_288), 4);

  private static final int RELAYS = 200;
  private static final int RELAYS_PER_REPO = 5;
  private static final int CHUNK = 100;
  /** The most events {@code IndexIntake} applies in one loop turn. */
  private static final int INTAKE_BATCH = 32;

  @Param({"10000"})
  public int repos;

  @Param({"50"})
  public int rootsPerRepo;

  private List<Event> events;
  private List<Event> announcements;
  private RepoIndex index;
  private RelayTargets targets;
  private Map<RelayUrl, ItemSet> confirmedHalf;
  private RelayUrl bigRelay;
  private ItemSet bigRelaySet;
  private List<String> repoRefs;
  private int next;

  /** A 64-hex id as random-looking as real ones (sequential ids would share long prefixes). */
  private static String hex(long n) {
    SplittableRandom r = new SplittableRandom(n);
    return String.format("%016x%016x%016x%016x", r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
  }

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(1);
    events = new ArrayList<>(repos * (rootsPerRepo + 1));
    repoRefs = new ArrayList<>(repos);
    long idSeq = 1;
    for (int r = 0; r < repos; r++) {
      String owner = hex(0xfeed0000000L + r);
      List<String> relays = new ArrayList<>(List.of("relays"));
      Set<Integer> picked = new HashSet<>();
      while (picked.size() < RELAYS_PER_REPO) {
        picked.add(random.nextInt(RELAYS));
      }
      picked.forEach(p -> relays.add("wss://relay" + p + ".example.com"));
      relays.add("wss://me.example.com");
      events.add(new Event(hex(idSeq++), owner, 1_700_000_000L, Nip34.REPO_ANNOUNCEMENT,
          List.of(List.of("d", "repo-" + r), relays), "", "", "{}"));
      String ref = "30617:" + owner + ":repo-" + r;
      repoRefs.add(ref);
      for (int i = 0; i < rootsPerRepo; i++) {
        events.add(new Event(hex(idSeq++), owner, 1_700_000_000L + i, Nip34.ISSUE,
            List.of(List.of("a", ref)), "", "", "{}"));
      }
    }
    announcements = events.stream().filter(e -> e.kind() == Nip34.REPO_ANNOUNCEMENT).toList();
    index = emptyIndex().withEvents(events).index();
    targets = RelayTargets.derive(index, List.of(), 1000);
    confirmedHalf = new HashMap<>();
    targets.byRelay().forEach((relay, t) -> {
      List<RepoRef> half = t.items().repos().stream().limit(t.items().repos().size() / 2).toList();
      List<String> halfRoots = t.items().rootEvents().stream().limit(t.items().rootEvents().size() / 2).toList();
      confirmedHalf.put(relay, ItemSet.of(true, half, halfRoots));
    });
    bigRelay = targets.byRelay().keySet().iterator().next();
    bigRelaySet = targets.forRelay(bigRelay).orElseThrow().items();
  }

  private static RepoIndex emptyIndex() {
    return RepoIndex.empty(new IndexRules(
        IndexRules.ownUrlsFrom(List.of("wss://me.example.com")), 20, new AddressPolicy(false)));
  }

  /** Start-up: every announcement and root event from the host store into the index. */
  @Benchmark
  public RepoIndex indexBulkLoad() {
    return emptyIndex().withEvents(events).index();
  }

  /**
   * Announcements arriving en masse, applied as the intake does, 32 to a new index version:
   * each version copies what the batch changes of the relays' repository sets (which grow to
   * about 250 each).
   */
  @Benchmark
  public RepoIndex announcementsInBatches() {
    RepoIndex i = emptyIndex();
    for (int from = 0; from < announcements.size(); from += INTAKE_BATCH) {
      i = i.withEvents(announcements.subList(from, Math.min(from + INTAKE_BATCH, announcements.size()))).index();
    }
    return i;
  }

  /** Targets of every relay from scratch. */
  @Benchmark
  public RelayTargets deriveTargets() {
    return RelayTargets.derive(index, List.of(), 1000);
  }

  /** One relay's targets from scratch (on connect): about 250 repositories, 12,500 root events. */
  @Benchmark
  public RelayTarget deriveOneRelay() {
    return RelayTargets.deriveOne(index, bigRelay, false);
  }

  /** targets − pending − confirmed for every relay, half of everything confirmed. */
  @Benchmark
  public List<PlanDiff> newWorkHalfConfirmed() {
    return Planner.newWork(targets, Map.of(), confirmedHalf);
  }

  /** First start: derive, new work (nothing confirmed), split into batches, build every filter. */
  @Benchmark
  public int fullPlanFromScratch() {
    RelayTargets t = RelayTargets.derive(index, List.of(), 1000);
    int filters = 0;
    for (PlanDiff d : Planner.newWork(t, Map.of(), Map.of())) {
      for (ItemSet batch : Planner.split(d.items(), CHUNK)) {
        filters += FilterPlan.forItems(batch, CHUNK).size();
      }
    }
    return filters;
  }

  /** Filter chunking of one relay's whole set (about 250 repositories, 12,500 root events). */
  @Benchmark
  public List<LabelledFilter> filterChunkingOneRelay() {
    return FilterPlan.forItems(bigRelaySet, CHUNK);
  }

  /** Live path per accepted root event: index update, touched targets, new work, filters. */
  /** What a consolidation of the busiest relay lays out: its filters packed into REQs. */
  @Benchmark
  public LiveLayout liveLayoutOneRelay() {
    return LiveLayout.of(bigRelaySet, CHUNK, 1_800_000_000L, OptionalInt.of(5000), LIVE_BUDGET, LIVE_BUDGET.liveSubscriptions());
  }

  @Benchmark
  public int incrementalRootEvent() {
    String ref = repoRefs.get(next++ % repoRefs.size());
    Event issue = new Event(hex(0x7000000000L + next), hex(1), 1_800_000_000L, Nip34.ISSUE,
        List.of(List.of("a", ref)), "", "", "{}");
    IndexUpdate u = index.withEvent(issue);
    RelayTargets touched = RelayTargets.touchedBy(u.index(), u.changes(), List.of(), targets.relays(), 1000);
    int filters = 0;
    for (PlanDiff d : Planner.newWork(touched, Map.of(), confirmedHalf)) {
      filters += FilterPlan.forItems(d.items(), CHUNK).size();
    }
    return filters;
  }

  /** Optional argument: a regular expression of the benchmarks to run, e.g. {@code liveLayout.*}. */
  public static void main(String[] args) throws RunnerException {
    String only = args.length > 0 ? "." + args[0] : "";
    new Runner(new OptionsBuilder().include(SyncPlanningBenchmark.class.getSimpleName() + only).build()).run();
  }
}
