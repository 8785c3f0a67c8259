package dev.graspsync.nostr.bench;

import dev.graspsync.nostr.negentropy.Negentropy;
import dev.graspsync.nostr.negentropy.PackedStorage;
import dev.graspsync.nostr.negentropy.PackedStorageBuilder;
import dev.graspsync.nostr.negentropy.Reconciliation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * NIP-77 costs at a million items: building the packed storage (from shuffled and from
 * already sorted input), and one full reconciliation of 1,000,000 items against 990,000 of
 * them (1% difference), both sides on this thread. The sets are the ones
 * integration-tests/bench/negentropy-bench.mjs builds for the JavaScript implementation:
 * item i has id SHA-256("negentropy-bench:" + i) and created_at 1,600,000,000 + (i mod 500,000)
 * x 60 (two items per second); the initiator lacks every item with i mod 100 = 0.
 *
 * <p>Run (from the repository root):
 *
 * <pre>
 * mvn -B -o -q -pl spi-adapters/nostr-core test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath
 * java -cp spi-adapters/nostr-core/target/test-classes:spi-adapters/nostr-core/target/classes:$(cat spi-adapters/nostr-core/target/bench.classpath) \
 *     dev.graspsync.nostr.bench.NegentropyBenchmark
 * </pre>
 *
 * Without arguments the main first prints the CPU time, round trips and bytes of one
 * reconciliation per frame limit and the CPU time of the builds, then runs this class; with
 * {@code --cpu} it stops after those; with other arguments it hands them to JMH's own command
 * line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class NegentropyBenchmark {
  static final int ITEMS = 1_000_000;

  @Param({"0", "131072"})
  public int frameSizeLimit;

  private long[] createdAt;
  private byte[] ids;
  private int[] shuffled;
  private PackedStorage relay;
  private PackedStorage local;

  @Setup(Level.Trial)
  public void setUp() {
    createdAt = new long[ITEMS];
    ids = new byte[ITEMS * 32];
    for (int i = 0; i < ITEMS; i++) {
      createdAt[i] = createdAtOf(i);
      System.arraycopy(idOf(i), 0, ids, i * 32, 32);
    }
    shuffled = new int[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      shuffled[i] = i;
    }
    java.util.Random random = new java.util.Random(5);
    for (int i = ITEMS - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    relay = build(false);
    local = build(true);
  }

  /** The packed storage of 1,000,000 items added in random order (items/s = 10^6 / time). */
  @Benchmark
  public PackedStorage buildShuffled() {
    PackedStorageBuilder builder = PackedStorage.builder(ITEMS);
    for (int k = 0; k < ITEMS; k++) {
      int i = shuffled[k];
      builder.add(createdAt[i], ids, i * 32);
    }
    return builder.seal();
  }

  /** One full reconciliation: 1,000,000 relay items, 990,000 local ones. */
  @Benchmark
  public Outcome reconcileMillionOnePercent() {
    return reconcile(local, relay, frameSizeLimit);
  }

  /** Rounds, bytes each way and ids needed of one reconciliation. */
  public record Outcome(int roundTrips, long bytesUp, long bytesDown, int need, int have) {}

  static Outcome reconcile(PackedStorage localSet, PackedStorage relaySet, int frame) {
    Negentropy initiator = Negentropy.initiator(localSet, frame);
    Negentropy responder = Negentropy.responder(relaySet, frame);
    byte[] message = initiator.initiate();
    long up = message.length;
    long down = 0;
    int rounds = 0;
    int need = 0;
    int have = 0;
    while (true) {
      byte[] reply = responder.respond(message);
      down += reply.length;
      rounds++;
      Reconciliation r = initiator.reconcile(reply);
      need += r.need().size();
      have += r.have().size();
      Optional<byte[]> next = r.next();
      if (next.isEmpty()) {
        return new Outcome(rounds, up, down, need, have);
      }
      message = next.get();
      up += message.length;
    }
  }

  private PackedStorage build(boolean skipEveryHundredth) {
    PackedStorageBuilder builder = PackedStorage.builder(ITEMS);
    for (int i = 0; i < ITEMS; i++) {
      if (!skipEveryHundredth || i % 100 != 0) {
        builder.add(createdAt[i], ids, i * 32);
      }
    }
    return builder.seal();
  }

  static long createdAtOf(int i) {
    return 1_600_000_000L + (i % 500_000) * 60L;
  }

  static byte[] idOf(int i) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(("negentropy-bench:" + i).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A sorted build: items added in order, as an index scan yields them. */
  PackedStorage buildSorted() {
    return build(false);
  }

  public static void main(String[] args) throws RunnerException, java.io.IOException {
    if (args.length > 0 && !args[0].equals("--cpu")) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    // this thread's CPU time per operation (after two warm-up runs), comparable with the
    // process CPU time negentropy-bench.mjs reports on a loaded machine
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    NegentropyBenchmark sets = new NegentropyBenchmark();
    sets.setUp();
    for (int frame : new int[] {0, 131_072}) {
      for (int warm = 0; warm < 2; warm++) {
        reconcile(sets.local, sets.relay, frame);
      }
      long start = cpu.getCurrentThreadCpuTime();
      Outcome o = reconcile(sets.local, sets.relay, frame);
      long ms = (cpu.getCurrentThreadCpuTime() - start) / 1_000_000;
      System.out.printf(
          "frame %d: reconcile %d ms CPU, %d round trips, %d bytes up, %d bytes down, need %d, have %d%n",
          frame, ms, o.roundTrips(), o.bytesUp(), o.bytesDown(), o.need(), o.have());
    }
    for (int warm = 0; warm < 2; warm++) {
      sets.buildShuffled();
      sets.buildSorted();
    }
    long start = cpu.getCurrentThreadCpuTime();
    sets.buildShuffled();
    long shuffledMs = (cpu.getCurrentThreadCpuTime() - start) / 1_000_000;
    start = cpu.getCurrentThreadCpuTime();
    PackedStorage sorted = sets.buildSorted();
    long sortedMs = (cpu.getCurrentThreadCpuTime() - start) / 1_000_000;
    System.out.printf(
        "build 1,000,000 items: shuffled %d ms CPU, sorted %d ms CPU, %d bytes held%n",
        shuffledMs, sortedMs, sorted.footprintBytes());
    if (args.length > 0) {
      return;
    }
    new Runner(new OptionsBuilder().include(NegentropyBenchmark.class.getName() + ".*").build()).run();
  }
}
