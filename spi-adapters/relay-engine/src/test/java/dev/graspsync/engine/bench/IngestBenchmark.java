package dev.graspsync.engine.bench;

import dev.graspsync.engine.AcceptancePolicyKind;
import dev.graspsync.engine.EngineSettings;
import dev.graspsync.engine.RelayEngine;
import dev.graspsync.nostr.crypto.EventSigner;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.EventTemplate;
import dev.graspsync.spi.IngestSource;
import dev.graspsync.spi.IngestVerdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Accepted events per second: 4 publishers, each on its own Vert.x context with a window of
 * events in flight (a client pipelining EVENTs), through the whole pipeline (id and
 * signature checks on the worker pool, OPEN policy, synced group commit). One operation =
 * 10,000 fresh events; events/s = 10,000 / (seconds per operation). Compare with
 * {@link VerifyBenchmark}, the single-core id and signature check rate.
 */
@State(Scope.Benchmark)
@Fork(1)
public class IngestBenchmark {
  static final int PUBLISHERS = 4;
  static final int EVENTS_PER_PUBLISHER = 2_500;
  static final int WINDOW = 256;
  private static final AtomicLong CLOCK = new AtomicLong(1_700_000_000L);

  private Vertx vertx;
  private RelayEngine engine;
  private Path dir;
  private List<List<Event>> batches;

  @Setup(Level.Trial)
  public void open() throws Exception {
    dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", "target")), "ingest-bench");
    vertx = Vertx.vertx();
    engine =
        RelayEngine.open(
            vertx,
            EngineSettings.defaults(dir, AcceptancePolicyKind.OPEN, List.of("ws://localhost")),
            new SimpleMeterRegistry());
  }

  @Setup(Level.Invocation)
  public void freshEvents() {
    List<Keys> keys = IntStream.range(0, PUBLISHERS).mapToObj(i -> Keys.generate()).toList();
    batches =
        IntStream.range(0, PUBLISHERS)
            .mapToObj(
                p ->
                    IntStream.range(0, EVENTS_PER_PUBLISHER)
                        .parallel()
                        .mapToObj(i -> sign(keys.get(p), i))
                        .toList())
            .toList();
  }

  private static Event sign(Keys keys, int i) {
    return EventSigner.sign(
        new EventTemplate(
            CLOCK.incrementAndGet(),
            1,
            List.of(List.of("t", "bench"), List.of("p", keys.publicKeyHex())),
            "benchmark event " + i),
        keys);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3)
  @Measurement(iterations = 8)
  public long ingest10kFrom4Publishers() throws Exception {
    List<Future<Long>> done = new ArrayList<>();
    for (List<Event> batch : batches) {
      Promise<Long> finished = Promise.promise();
      done.add(finished.future());
      vertx.runOnContext(v -> new Publisher(batch, finished).start());
    }
    long accepted = 0;
    for (Future<Long> f : done) {
      accepted += f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }
    if (accepted != (long) PUBLISHERS * EVENTS_PER_PUBLISHER) {
      throw new IllegalStateException("only " + accepted + " accepted");
    }
    return accepted;
  }

  /** Keeps WINDOW events of one publisher in flight, on the publisher's context. */
  private final class Publisher {
    private final List<Event> events;
    private final Promise<Long> finished;
    private int next;
    private int outstanding;
    private long accepted;

    Publisher(List<Event> events, Promise<Long> finished) {
      this.events = events;
      this.finished = finished;
    }

    void start() {
      while (outstanding < WINDOW && next < events.size()) {
        send(events.get(next++));
      }
    }

    private void send(Event event) {
      outstanding++;
      engine
          .ingest(event, IngestSource.client("bench"))
          .onComplete(
              verdict -> {
                outstanding--;
                if (verdict.succeeded() && verdict.result().equals(IngestVerdict.ACCEPTED)) {
                  accepted++;
                }
                if (next < events.size()) {
                  send(events.get(next++));
                } else if (outstanding == 0) {
                  finished.complete(accepted);
                }
              });
    }
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    engine.close();
    vertx.close().toCompletionStage().toCompletableFuture().get();
    BenchFiles.deleteTree(dir);
  }

  public static void main(String[] args) throws Exception {
    new Runner(new OptionsBuilder().include(IngestBenchmark.class.getName()).build()).run();
  }
}
