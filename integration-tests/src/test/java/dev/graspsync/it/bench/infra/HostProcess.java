package dev.graspsync.it.bench.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The driver's handle on the host under test ({@code bench.host.BenchHostMain} in a child
 * JVM): one request line on its stdin, one {@code @} reply line on its stdout.
 */
public final class HostProcess implements AutoCloseable {
  private static final String MAIN = "dev.graspsync.it.bench.host.BenchHostMain";

  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private final long startNanos;
  private final long readyNanos;
  private final long startCpuNanos;

  private HostProcess(Process process, long timeoutSeconds) {
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith("@")) {
            replies.add(line);
          }
        }
      } catch (IOException e) {
        // the process ended
      }
      replies.add("@exited");
    }, "bench-host-stdout");
    reader.setDaemon(true);
    reader.start();
    String ready = next(timeoutSeconds);
    if (!ready.startsWith("@ready")) {
      throw new IllegalStateException("host did not start: " + ready);
    }
    HostStatus s = HostStatus.parse(ready);
    this.startNanos = s.get("start");
    this.readyNanos = s.get("ready");
    this.startCpuNanos = s.get("startCpu");
  }

  /** Starts the host with grasp-sync on {@code dataDir}; returns once its startup hooks ran. */
  public static HostProcess startSync(Path dataDir, String ownUrl, Map<String, String> pluginProperties,
      List<String> jvmArgs, Path log, Path logback) {
    List<String> args = new ArrayList<>(List.of("sync", dataDir.toAbsolutePath().toString(), ownUrl));
    pluginProperties.forEach((k, v) -> args.add(k + "=" + v));
    return new HostProcess(ChildJvm.start(jvmArgs, MAIN, args, log, logback), 120);
  }

  /** Runs the direct-ingest limit to completion and returns its {@code @ingested} reply. */
  public static HostStatus directIngest(Path dataDir, String ownUrl, Path events, int window, List<String> jvmArgs,
      Path log, Path logback) {
    Process p = ChildJvm.start(jvmArgs, MAIN,
        List.of("ingest", dataDir.toAbsolutePath().toString(), ownUrl, events.toAbsolutePath().toString(),
            Integer.toString(window)), log, logback);
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("@ingested")) {
          p.waitFor(60, TimeUnit.SECONDS);
          return HostStatus.parse(line);
        }
      }
      throw new IllegalStateException("direct ingest ended without a result; see " + log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      ChildJvm.stop(p, 10);
    }
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
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    ChildJvm.stop(process, 5);
  }

  @Override
  public void close() {
    ChildJvm.stop(process, 30);
  }

  private synchronized String ask(String command) {
    try {
      stdin.write(command + "\n");
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("host process is gone", e);
    }
    return next(120);
  }

  private String next(long timeoutSeconds) {
    try {
      String line = replies.poll(timeoutSeconds, TimeUnit.SECONDS);
      if (line == null) {
        throw new IllegalStateException("host did not answer within " + timeoutSeconds + " s");
      }
      if (line.equals("@exited")) {
        throw new IllegalStateException("host process exited");
      }
      return line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
