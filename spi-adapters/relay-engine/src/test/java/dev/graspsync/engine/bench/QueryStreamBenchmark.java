package dev.graspsync.engine.bench;

import dev.graspsync.engine.AcceptancePolicyKind;
import dev.graspsync.engine.EngineSettings;
import dev.graspsync.engine.RelayEngine;
import dev.graspsync.nostr.crypto.EventSigner;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.EventTemplate;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.spi.IngestSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
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
 * Time to stream a 10,000-event REQ result out of RocksDB in pages (parse included), with a
 * consumer that takes each page at once. Store: 20,000 events, half of them matching.
 */
@State(Scope.Benchmark)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class QueryStreamBenchmark {
  private static final int MATCHING = 10_000;

  private Vertx vertx;
  private RelayEngine engine;
  private Path dir;
  private List<Filter> byKind;
  private List<Filter> byTag;

  @Setup(Level.Trial)
  public void seed() throws Exception {
    dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", "target")), "query-bench");
    vertx = Vertx.vertx();
    engine =
        RelayEngine.open(
            vertx,
            EngineSettings.defaults(dir, AcceptancePolicyKind.OPEN, List.of("ws://localhost"))
                .withMaxLimit(MATCHING),
            new SimpleMeterRegistry());
    Keys keys = Keys.generate();
    AtomicLong clock = new AtomicLong(1_700_000_000L);
    List<Event> events =
        IntStream.range(0, 2 * MATCHING)
            .mapToObj(i -> new EventTemplate(clock.incrementAndGet(), i % 2 == 0 ? 1 : 7,
                List.of(List.of("t", i % 2 == 0 ? "match" : "other")), "event number " + i))
            .parallel()
            .map(t -> EventSigner.sign(t, keys))
            .toList();
    List<Future<?>> all = new ArrayList<>();
    for (Event e : events) {
      all.add(engine.ingest(e, IngestSource.client("seed")));
      if (all.size() == 1000) {
        Future.all(all).toCompletionStage().toCompletableFuture().get();
        all.clear();
      }
    }
    Future.all(all).toCompletionStage().toCompletableFuture().get();
    byKind = List.of(Filter.builder().kinds(1).limit(MATCHING).build());
    byTag = List.of(Filter.builder().tag('t', List.of("match")).limit(MATCHING).build());
  }

  private long stream(List<Filter> filters) throws Exception {
    long[] received = {0};
    engine
        .query(
            filters,
            page -> {
              received[0] += page.size();
              return Future.succeededFuture();
            })
        .toCompletionStage()
        .toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    if (received[0] != MATCHING) {
      throw new IllegalStateException("streamed " + received[0]);
    }
    return received[0];
  }

  @Benchmark
  public long stream10kByKind() throws Exception {
    return stream(byKind);
  }

  @Benchmark
  public long stream10kByTag() throws Exception {
    return stream(byTag);
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    engine.close();
    vertx.close().toCompletionStage().toCompletableFuture().get();
    BenchFiles.deleteTree(dir);
  }

  public static void main(String[] args) throws Exception {
    new Runner(new OptionsBuilder().include(QueryStreamBenchmark.class.getName()).build()).run();
  }
}
