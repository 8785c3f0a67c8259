package dev.graspsync.host.bench;

import dev.graspsync.host.RelayRuntime;
import dev.graspsync.host.testing.TestRelay;
import dev.graspsync.nostr.crypto.EventSigner;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.EventTemplate;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heap while one REQ streams N stored events (default 1,000,000): fills the relay over a
 * WebSocket, then streams them all to a client that counts frames, sampling the heap used
 * after a full GC every second. Flat samples with a small -Xmx show the stored phase streams
 * from the store page by page, held back by the socket, and never loads the result. Not a
 * JMH benchmark (one long run is the measurement); run its main with the test classpath:
 *
 * <pre>
 * java -Xmx256m -cp ... dev.graspsync.host.bench.HeapWhileStreamingBenchmark [N]
 * </pre>
 */
public final class HeapWhileStreamingBenchmark {
  private static final Logger log = LoggerFactory.getLogger(HeapWhileStreamingBenchmark.class);
  private static final int BATCH = 5000;

  private HeapWhileStreamingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dataDir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("heap-stream-bench");
    RelayRuntime relay = TestRelay.start(dataDir, Map.of("relay.max-limit", String.valueOf(total),
        "relay.events-per-second", "1000000", "relay.events-burst", "1000000"));
    Vertx vertx = Vertx.vertx();
    Keys keys = Keys.fromSecretHex("11".repeat(32));
    try (BenchClient client = new BenchClient(vertx, relay.port())) {
      long stored = BenchClient.await(client.countUntilEose(
          "[\"REQ\",\"n\",{\"authors\":[\"" + keys.publicKeyHex() + "\"],\"limit\":" + total + "}]"));
      long fillStart = System.nanoTime();
      for (long from = stored; from < total; from += BATCH) {
        long start = from;
        int size = (int) Math.min(BATCH, total - from);
        String[] frames = IntStream.range(0, size).parallel()
            .mapToObj(i -> "[\"EVENT\"," + EventSigner.sign(new EventTemplate(1_600_000_000 + start + i, 1,
                List.of(List.of("t", "heap")), "stored event " + (start + i) + " padded with some text to look like a note"),
                keys).json() + "]")
            .toArray(String[]::new);
        BenchClient.await(client.publishAll(frames));
        if ((from / BATCH) % 20 == 0) {
          log.warn("filled {} of {}", from + size, total);
        }
      }
      log.warn("fill took {} s", (System.nanoTime() - fillStart) / 1_000_000_000);

      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      List<Long> samples = new ArrayList<>();
      ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
      sampler.scheduleAtFixedRate(() -> {
        System.gc();
        long used = memory.getHeapMemoryUsage().getUsed();
        synchronized (samples) {
          samples.add(used);
        }
        log.warn("heap used after GC: {} MiB", used / (1024 * 1024));
      }, 0, 1, TimeUnit.SECONDS);
      long t0 = System.nanoTime();
      long streamed = BenchClient.await(client.countUntilEose(
          "[\"REQ\",\"all\",{\"authors\":[\"" + keys.publicKeyHex() + "\"],\"limit\":" + total + "}]"));
      long millis = (System.nanoTime() - t0) / 1_000_000;
      sampler.shutdownNow();
      synchronized (samples) {
        log.warn("streamed {} events in {} ms ({} events/s); heap after GC over {} samples: min {} MiB, max {} MiB; -Xmx {} MiB",
            streamed, millis, streamed * 1000 / Math.max(1, millis), samples.size(),
            samples.stream().mapToLong(Long::longValue).min().orElse(0) / (1024 * 1024),
            samples.stream().mapToLong(Long::longValue).max().orElse(0) / (1024 * 1024),
            Runtime.getRuntime().maxMemory() / (1024 * 1024));
      }
    } finally {
      BenchClient.await(vertx.close());
      relay.stop();
    }
  }
}
