package dev.graspsync.it.bench.runs;

import dev.graspsync.it.bench.infra.HostTrouble;
import dev.graspsync.it.bench.report.ResultRow;
import dev.graspsync.it.bench.report.Verdict;
import java.nio.file.Path;

/** Every benchmark's last row: what in the host's log a user would call broken (target: nothing). */
final class HostTroubleRow {
  private HostTroubleRow() {}

  /** Over the host's log from byte {@code from} (0: all of it; a host that served an earlier benchmark: its end). */
  static ResultRow of(String benchmark, Path hostLog, long from, int blockedMs) {
    HostTrouble trouble = HostTrouble.scan(hostLog, from);
    return new ResultRow(benchmark, "host log: ERROR lines, exceptions, event loops blocked > " + blockedMs
        + " ms, OOM", trouble.summary(), "none", Verdict.of(trouble.clean()));
  }
}
