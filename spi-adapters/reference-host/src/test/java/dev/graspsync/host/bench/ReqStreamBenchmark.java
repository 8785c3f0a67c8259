package dev.graspsync.host.bench;

import dev.graspsync.host.RelayRuntime;
import dev.graspsync.host.testing.TestRelay;
import dev.graspsync.nostr.crypto.EventSigner;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.EventTemplate;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Time to stream a {@value #EVENTS}-event REQ over a WebSocket: from REQ to EOSE, every
 * event read (not parsed) by the client. Run like {@link RelayIngestBenchmark}, with this
 * class's name.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class ReqStreamBenchmark {
  static final int EVENTS = 10_000;

  Path dataDir;
  RelayRuntime relay;
  Vertx vertx;
  BenchClient client;
  String req;

  @Setup(Level.Trial)
  public void fill() throws IOException {
    dataDir = Files.createTempDirectory("req-stream-bench");
    relay = TestRelay.start(dataDir, Map.of("relay.max-limit", String.valueOf(EVENTS),
        "relay.events-per-second", "1000000", "relay.events-burst", "1000000"));
    vertx = Vertx.vertx();
    client = new BenchClient(vertx, relay.port());
    Keys keys = Keys.generate();
    String[] frames = IntStream.range(0, EVENTS).parallel()
        .mapToObj(i -> "[\"EVENT\"," + EventSigner.sign(new EventTemplate(1_700_000_000 + i, 1,
            List.of(List.of("t", "bench"), List.of("p", keys.publicKeyHex())),
            "stored event number " + i + " with a little text, as notes have"), keys).json() + "]")
        .toArray(String[]::new);
    int accepted = BenchClient.await(client.publishAll(frames));
    if (accepted != EVENTS) {
      throw new IllegalStateException("only " + accepted + " stored");
    }
    req = "[\"REQ\",\"all\",{\"authors\":[\"" + keys.publicKeyHex() + "\"],\"limit\":" + EVENTS + "}]";
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    client.close();
    BenchClient.await(vertx.close());
    relay.stop();
    try (var files = Files.walk(dataDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public long streamTenThousand() {
    long n = BenchClient.await(client.countUntilEose(req));
    if (n != EVENTS) {
      throw new IllegalStateException("streamed " + n);
    }
    return n;
  }

  public static void main(String[] args) throws RunnerException, IOException {
    if (args.length > 0) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    new Runner(new OptionsBuilder().include(ReqStreamBenchmark.class.getSimpleName()).build()).run();
  }
}
