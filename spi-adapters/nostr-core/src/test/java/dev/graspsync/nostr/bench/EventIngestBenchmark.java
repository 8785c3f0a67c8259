package dev.graspsync.nostr.bench;

import dev.graspsync.nostr.crypto.EventVerifier;
import dev.graspsync.nostr.crypto.Verification;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.message.ClientMessage;
import dev.graspsync.nostr.message.Decoded;
import dev.graspsync.nostr.message.MessageCodec;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Events per second on one thread: what the ingest path of a relay (and of the sync) costs.
 *
 * <p>Run (from the repository root):
 *
 * <pre>
 * mvn -B -o -q -pl spi-adapters/nostr-core test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath
 * java -cp spi-adapters/nostr-core/target/test-classes:spi-adapters/nostr-core/target/classes:$(cat spi-adapters/nostr-core/target/bench.classpath) \
 *     dev.graspsync.nostr.bench.EventIngestBenchmark
 * </pre>
 *
 * Without arguments the main runs this class with the settings below; with arguments it hands
 * them to JMH's own command line ({@code -h} lists them).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EventIngestBenchmark {
  private static final int COUNT = 1024;

  private String[] eventJson;
  private String[] eventFrames;
  private Event[] events;
  private Filter filter;
  private int next;

  @Setup
  public void setUp() {
    List<Event> generated = RealisticEvents.generate(COUNT, 42);
    events = generated.toArray(new Event[0]);
    eventJson = new String[COUNT];
    eventFrames = new String[COUNT];
    for (int i = 0; i < COUNT; i++) {
      eventJson[i] = events[i].json();
      eventFrames[i] = MessageCodec.encode(new ClientMessage.Publish(events[i]));
    }
    filter = Filter.fromJson("{\"kinds\":[1111,1617,1618,1621,1630,1631,1632,1633],\"#a\":[\""
        + events[0].firstTagValue("a").orElseThrow() + "\"],\"since\":1700000000}");
  }

  private int nextIndex() {
    return next++ & (COUNT - 1);
  }

  /** (a) Event.fromJson + id check. Target: at least 100,000/s. */
  @Benchmark
  public boolean parseAndCheckId() {
    Event e = Event.fromJson(eventJson[nextIndex()]);
    if (!EventVerifier.hasValidId(e)) {
      throw new IllegalStateException("bad id in benchmark data");
    }
    return true;
  }

  /** (b) Event.fromJson + id check + BIP-340 verification. Target: at least 15,000/s. */
  @Benchmark
  public Verification parseCheckIdAndVerifySignature() {
    Verification v = EventVerifier.verify(Event.fromJson(eventJson[nextIndex()]));
    if (!v.isValid()) {
      throw new IllegalStateException("invalid benchmark data: " + v);
    }
    return v;
  }

  /** The relay's view of (a): a whole ["EVENT", {...}] frame through the codec, then the id. */
  @Benchmark
  public boolean decodeEventFrameAndCheckId() {
    Decoded<ClientMessage> d = MessageCodec.decodeClient(eventFrames[nextIndex()]);
    Event e = ((ClientMessage.Publish) ((Decoded.Ok<ClientMessage>) d).message()).event();
    return EventVerifier.hasValidId(e);
  }

  /** In-memory matching of a typical sync filter (kinds + #a + since), run on every event. */
  @Benchmark
  public boolean matchFilter() {
    return filter.matches(events[nextIndex()]);
  }

  public static void main(String[] args) throws RunnerException, java.io.IOException {
    if (args.length > 0) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    new Runner(new OptionsBuilder().include(EventIngestBenchmark.class.getName() + ".*").build()).run();
  }
}
