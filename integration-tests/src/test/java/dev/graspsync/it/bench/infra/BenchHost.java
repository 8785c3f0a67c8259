package dev.graspsync.it.bench.infra;

import dev.graspsync.it.harness.ChildJvm;
import dev.graspsync.it.harness.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The driver's handle on the host under test ({@code bench.host.BenchHostMain} in a child
 * JVM, started by {@link ChildProcess}): one request line on its stdin, one {@code @} reply
 * line on its stdout.
 */
public final class BenchHost implements AutoCloseable {
  private static final String MAIN = "dev.graspsync.it.bench.host.BenchHostMain";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(120);

  private final ChildProcess process;
  private final long startNanos;
  private final long readyNanos;
  private final long startCpuNanos;

  private BenchHost(ChildProcess process, HostStatus ready) {
    this.process = process;
    this.startNanos = ready.get("start");
    this.readyNanos = ready.get("ready");
    this.startCpuNanos = ready.get("startCpu");
  }

  /** Starts the host with grasp-sync on {@code dataDir}; returns once its startup hooks ran. */
  public static BenchHost startSync(Path dataDir, String ownUrl, Map<String, String> pluginProperties,
      List<String> jvmArgs, Path log, Path logback) {
    List<String> args = new ArrayList<>(List.of("sync", dataDir.toAbsolutePath().toString(), ownUrl));
    pluginProperties.forEach((k, v) -> args.add(k + "=" + v));
    ChildProcess process = launch("bench-host", jvmArgs, args, log, logback);
    try {
      String ready = process.awaitLine(START_TIMEOUT);
      if (!ready.startsWith("@ready")) {
        throw new IllegalStateException("host did not start: " + ready);
      }
      return new BenchHost(process, HostStatus.parse(ready));
    } catch (RuntimeException e) {
      process.stop(Duration.ofSeconds(5));
      throw e;
    }
  }

  /** Runs the direct-ingest limit to completion and returns its {@code @ingested} reply. */
  public static HostStatus directIngest(Path dataDir, String ownUrl, Path events, int window, Duration timeout,
      List<String> jvmArgs, Path log, Path logback) {
    ChildProcess process = launch("direct-ingest", jvmArgs, List.of("ingest", dataDir.toAbsolutePath().toString(),
        ownUrl, events.toAbsolutePath().toString(), Integer.toString(window)), log, logback);
    try {
      String line;
      do {
        line = process.awaitLine(timeout);
      } while (!line.startsWith("@ingested"));
      process.awaitExit(Duration.ofSeconds(60));
      return HostStatus.parse(line);
    } finally {
      process.stop(Duration.ofSeconds(10));
    }
  }

  private static ChildProcess launch(String name, List<String> jvmArgs, List<String> args, Path log, Path logback) {
    return ChildProcess.command(ChildJvm.command(jvmArgs, logback, ChildJvm.classPath(), MAIN, args))
        .keepLines(line -> line.startsWith("@"))
        .start(name, log);
  }

  public long pid() {
    return process.pid();
  }

  /** System.nanoTime() in the host's JVM before its store opened, and once its startup hooks ran. */
  public long startNanos() {
    return startNanos;
  }

  public long readyNanos() {
    return readyNanos;
  }

  /** CPU the host's JVM had used at {@link #startNanos()} (JVM start-up, class loading). */
  public long startCpuNanos() {
    return startCpuNanos;
  }

  public HostStatus status() {
    return HostStatus.parse(ask("status"));
  }

  /** The host notes the moment its stored count reaches {@code n} (status field {@code reached}). */
  public void target(long n) {
    ask("target " + n);
  }

  public void resetMax() {
    ask("reset-max");
  }

  public void watch() {
    ask("watch");
  }

  /** Ids stored since {@link #watch()}, with the host's nanoTime at its event-accepted hook. */
  public Map<String, Long> dump() {
    String line = ask("dump");
    Map<String, Long> result = new HashMap<>();
    for (String part : line.split(" ")) {
      int colon = part.indexOf(':');
      if (colon > 0) {
        result.put(part.substring(0, colon), Long.parseLong(part.substring(colon + 1)));
      }
    }
    return result;
  }

  /** Forces a full GC in the host; fields used, peakAfterGc, max (bytes). */
  public HostStatus heap() {
    return HostStatus.parse(ask("gc"));
  }

  /** Graceful stop: shutdown hooks, store closed. */
  public void stop() {
    if (process.isAlive()) {
      ask("stop");
      process.awaitExit(Duration.ofSeconds(30));
    }
    process.stop(Duration.ofSeconds(5));
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(30));
  }

  private synchronized String ask(String command) {
    process.send(command);
    return process.awaitLine(REPLY_TIMEOUT);
  }
}
