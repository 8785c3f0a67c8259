package dev.graspsync.it.bench;

import dev.graspsync.it.bench.infra.BenchHost;
import dev.graspsync.it.bench.report.BenchDoc;
import dev.graspsync.it.bench.report.LoadAverage;
import dev.graspsync.it.bench.report.MachineInfo;
import dev.graspsync.it.bench.report.ResultTable;
import dev.graspsync.it.bench.runs.FullResyncRun;
import dev.graspsync.it.bench.runs.HistoryThroughputRun;
import dev.graspsync.it.bench.runs.HistoryWorld;
import dev.graspsync.it.bench.runs.LiveLatencyRun;
import dev.graspsync.it.bench.runs.ResumeCostRun;
import dev.graspsync.it.bench.runs.ScaleRun;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * grasp-sync's system benchmarks B1 to B4 (issue 7), one after the other in one run: history
 * throughput against the direct-ingest limit and a naive copier, resume cost, live latency,
 * scale. External relays and the host under test are separate processes on this machine; this
 * JVM generates the fixtures, publishes them, runs the counting proxies and measures. Prints
 * the table and writes it to docs/benchmarks.md. Run by the integration tests' {@code bench}
 * Maven profile; settings in {@link BenchSettings}.
 */
public final class SyncBenchmark {
  private static final Logger log = LoggerFactory.getLogger(SyncBenchmark.class);

  private SyncBenchmark() {}

  public static void main(String[] args) {
    BenchSettings settings = BenchSettings.fromSystemProperties();
    String buildAtStart = pluginBuild();
    MachineInfo machine = MachineInfo.capture();
    String loadAtStart = LoadAverage.now();
    Path basedir = Path.of(System.getProperty("bench.basedir", ".")).toAbsolutePath().normalize();
    ResultTable table = new ResultTable();
    long started = System.nanoTime();
    Vertx vertx = Vertx.vertx();
    try {
      if (settings.runs("B1") || settings.runs("B2") || settings.runs("B3") || settings.runs("B5")) {
        try (HistoryWorld world = HistoryWorld.start(settings, vertx)) {
          Instant stopped = HistoryThroughputRun.run(world, table, basedir);
          if (settings.runs("B2") || settings.runs("B3")) {
            BenchHost host = ResumeCostRun.run(world, stopped, table);
            try {
              if (settings.runs("B3")) {
                LiveLatencyRun.run(world, host, table);
              }
              host.stop();
            } finally {
              host.close();
            }
          }
          if (settings.runs("B5")) {
            FullResyncRun.run(world, table);
          }
        }
      }
      if (settings.runs("B4")) {
        ScaleRun.run(settings, vertx, table);
      }
    } finally {
      vertx.close().await();
    }
    settings.overridden().forEach((k, v) -> table.note("This run set " + k + "=" + v + " (default differs)."));
    String buildAtEnd = pluginBuild();
    String build = buildAtStart.equals(buildAtEnd) ? buildAtStart
        : buildAtStart + " at the start; re-installed during the run (" + buildAtEnd
            + "): host processes started after that ran the newer build";
    String results = report(settings, machine, loadAtStart, build, (System.nanoTime() - started) / 60e9, table);
    log.info("Sync benchmarks:\n{}", results);
    if (settings.writeDoc()) {
      BenchDoc.write(settings.doc(), results);
      log.info("written to {}", settings.doc());
    }
  }

  /** Which grasp-sync jar the host ran, and when it was built: the engine changes while it is measured. */
  private static String pluginBuild() {
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      java.io.File f = new java.io.File(entry);
      if (f.getName().startsWith("grasp-sync-") && f.getName().endsWith(".jar")) {
        return "`" + f.getName() + "` built " + java.time.Instant.ofEpochMilli(f.lastModified())
            .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
      }
    }
    return "grasp-sync from " + System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0];
  }

  private static String report(BenchSettings s, MachineInfo m, String loadAtStart, String build, double minutes,
      ResultTable table) {
    return "**Machine:** " + m.cores() + " cores (`nproc`), " + m.cpuModel() + ", " + m.memoryMiB() + " MiB RAM, "
        + m.java() + ", " + m.os() + ". Shared with other work: load average (1 min) " + loadAtStart
        + " at the start, " + LoadAverage.now() + " at the end.\n\n"
        + "**grasp-sync measured:** " + build + "\n\n"
        + "**Date:** " + m.startedUtc() + String.format(java.util.Locale.ROOT, ", %.0f minutes.", minutes) + "\n\n"
        + "**Command** (repository root, after `mvn -B -DskipTests install`):\n\n```\n" + s.commandLine() + "\n```\n\n"
        + "**Results** (seed " + s.seed() + "; host JVM -Xmx" + s.hostHeap() + "):\n\n"
        + table.markdown();
  }
}
