package dev.graspsync.host.bench;

import dev.graspsync.host.RelayRuntime;
import dev.graspsync.host.testing.TestRelay;
import dev.graspsync.nostr.crypto.EventSigner;
import dev.graspsync.nostr.crypto.EventVerifier;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.crypto.Verification;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.EventTemplate;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.slf4j.LoggerFactory;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Accepted EVENTs per second through the whole relay (WebSocket, decode, id and signature
 * check, store with WAL, OK) from 4 concurrent clients under the open policy, next to the
 * single-core signature verification rate that bounds it.
 *
 * <p>{@code publish4Clients} (single shot): the 4 benchmark threads start together, each owning
 * a client, and each publishes {@value #BATCH} fresh events, pipelined, waiting for every OK.
 * The events are signed before the iteration starts, so signing does not compete with the
 * relay for the CPU. Accepted events/s = 4 x {@value #BATCH} / the time of one shot; the
 * main prints it.
 *
 * <p>Run (from the repository root):
 *
 * <pre>
 * mvn -B -o -q -pl spi-adapters/reference-host test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java -cp spi-adapters/reference-host/target/test-classes:spi-adapters/reference-host/target/classes:$(cat spi-adapters/reference-host/target/bench.classpath) \
 *     dev.graspsync.host.bench.RelayIngestBenchmark
 * </pre>
 */
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class RelayIngestBenchmark {
  static final int BATCH = 5000;
  static final int CLIENTS = 4;

  @State(Scope.Benchmark)
  public static class Relay {
    Path dataDir;
    RelayRuntime relay;
    Vertx clients;

    @Setup(Level.Trial)
    public void start() throws IOException {
      dataDir = Files.createTempDirectory("relay-ingest-bench");
      relay = TestRelay.start(dataDir, Map.of("relay.events-per-second", "1000000", "relay.events-burst", "1000000"));
      clients = Vertx.vertx();
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
      BenchClient.await(clients.close());
      relay.stop();
      try (var files = Files.walk(dataDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** One connection per benchmark thread, and the next batch of signed events (signed outside the timing). */
  @State(Scope.Thread)
  public static class Publisher {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    BenchClient client;
    Keys keys;
    String[] frames;

    @Setup(Level.Trial)
    public void connect(Relay relay) {
      client = new BenchClient(relay.clients, relay.relay.port());
      keys = Keys.generate();
    }

    @Setup(Level.Iteration)
    public void signBatch() {
      frames = new String[BATCH];
      for (int i = 0; i < BATCH; i++) {
        long n = SEQUENCE.incrementAndGet();
        Event e = EventSigner.sign(new EventTemplate(1_700_000_000 + n % 1_000_000, 1,
            List.of(List.of("t", "bench")), "benchmark event " + n), keys);
        frames[i] = "[\"EVENT\"," + e.json() + "]";
      }
    }

    @TearDown(Level.Trial)
    public void disconnect() {
      client.close();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3)
  @Measurement(iterations = 6)
  @Threads(CLIENTS)
  public int publish4Clients(Publisher publisher) {
    int accepted = BenchClient.await(publisher.client.publishAll(publisher.frames));
    if (accepted != BATCH) {
      throw new IllegalStateException("only " + accepted + " of " + BATCH + " accepted");
    }
    return accepted;
  }

  /** The single-core BIP-340 verification rate: the ceiling per core of any relay that checks signatures. */
  @State(Scope.Thread)
  public static class Signed {
    Event event;

    @Setup(Level.Trial)
    public void sign() {
      event = EventSigner.sign(new EventTemplate(1_700_000_000, 1, List.of(List.of("t", "bench")), "verify me"),
          Keys.generate());
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 5, time = 2)
  @Threads(1)
  public Verification verifySingleCore(Signed signed) {
    return EventVerifier.verify(signed.event);
  }

  public static void main(String[] args) throws RunnerException, IOException {
    if (args.length > 0) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    for (RunResult r : new Runner(new OptionsBuilder().include(RelayIngestBenchmark.class.getSimpleName()).build()).run()) {
      String name = r.getParams().getBenchmark();
      double score = r.getPrimaryResult().getScore();
      if (name.endsWith("publish4Clients")) {
        LoggerFactory.getLogger(RelayIngestBenchmark.class).warn(
            "accepted EVENTs per second from {} clients: {}", CLIENTS, Math.round(CLIENTS * BATCH / (score / 1000.0)));
      }
    }
  }
}
