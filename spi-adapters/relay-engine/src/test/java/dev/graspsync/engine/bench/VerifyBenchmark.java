package dev.graspsync.engine.bench;

import dev.graspsync.nostr.crypto.EventSigner;
import dev.graspsync.nostr.crypto.EventVerifier;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.EventTemplate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The baseline for {@link IngestBenchmark}: id and signature checks of one event per
 * operation on one thread, i.e. what a single core can verify per second.
 */
@State(Scope.Thread)
@Fork(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 3)
public class VerifyBenchmark {
  private Event sample;

  @Setup
  public void sign() {
    Keys keys = Keys.generate();
    sample =
        EventSigner.sign(
            new EventTemplate(
                1_700_000_000L,
                1,
                List.of(List.of("t", "bench"), List.of("p", keys.publicKeyHex())),
                "benchmark event 0"),
            keys);
  }

  @Benchmark
  public Object verifySingleCore() {
    return EventVerifier.verify(sample);
  }

  public static void main(String[] args) throws Exception {
    new Runner(new OptionsBuilder().include(VerifyBenchmark.class.getName()).build()).run();
  }
}
