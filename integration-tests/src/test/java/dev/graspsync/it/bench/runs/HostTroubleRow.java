package dev.graspsync.it.bench.runs;

import dev.graspsync.it.bench.infra.GcPauses;
import dev.graspsync.it.bench.infra.HostTrouble;
import dev.graspsync.it.bench.report.ResultRow;
import dev.graspsync.it.bench.report.Verdict;
import java.nio.file.Path;

/**
 * Every benchmark's last row: what in the host's log a user would call broken (target:
 * nothing), and of the blocked-loop warnings, how many only the host's GC pauses explain and
 * how many only the bench's own forced collections (its heap measurement, which no user of the
 * relay would see: those do not make the row a miss, but are counted in it).
 */
final class HostTroubleRow {
  private HostTroubleRow() {}

  /** Over the host's log from byte {@code from} (0: all of it; a host that served an earlier benchmark: its end). */
  static ResultRow of(String benchmark, Path hostLog, long from, Path gcLog, int blockedMs) {
    HostTrouble trouble = HostTrouble.scan(hostLog, from);
    GcPauses gc = GcPauses.read(gcLog);
    String value = trouble.summary();
    if (trouble.blocked() > 0) {
      GcPauses requested = gc.requested();
      value += "; " + trouble.duringGc(gc, blockedMs) + " of the warnings would stay under " + blockedMs
          + " ms without the GC pauses in them (longest pause " + gc.longest().toMillis() + " ms); "
          + trouble.duringMeasurement(gc, blockedMs) + " of them without the " + requested.pauses().size()
          + " full GCs the benchmark forced to measure the heap (longest " + requested.longest().toMillis()
          + " ms), so the benchmark's own, not counted against the target";
    }
    return new ResultRow(benchmark, "host log: ERROR lines, exceptions, event loops blocked > " + blockedMs
        + " ms, OOM", value, "none (bar the benchmark's own GCs)",
        Verdict.of(trouble.cleanBesidesMeasurement(gc, blockedMs)));
  }
}
