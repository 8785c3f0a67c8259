package dev.graspsync.it.bench.report;

import java.util.ArrayList;
import java.util.List;

/** The results in run order, as a Markdown table. */
public final class ResultTable {
  private final List<ResultRow> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public synchronized void add(ResultRow row) {
    rows.add(row);
  }

  /** A sentence printed under the table (what a run changed, what it could not measure). */
  public synchronized void note(String text) {
    notes.add(text);
  }

  public synchronized List<ResultRow> rows() {
    return List.copyOf(rows);
  }

  public synchronized String markdown() {
    StringBuilder s = new StringBuilder("| Benchmark | Measure | Result | Target | Verdict |\n|---|---|---:|---|---|\n");
    for (ResultRow r : rows) {
      s.append("| ").append(r.benchmark()).append(" | ").append(r.measure()).append(" | ").append(r.value())
          .append(" | ").append(r.target()).append(" | ").append(r.verdict().text()).append(" |\n");
    }
    if (!notes.isEmpty()) {
      s.append('\n');
      notes.forEach(n -> s.append("- ").append(n).append('\n'));
    }
    return s.toString();
  }
}
