package dev.graspsync.it.bench.report;

/** One line of the results table. */
public record ResultRow(String benchmark, String measure, String value, String target, Verdict verdict) {
  public static ResultRow info(String benchmark, String measure, String value) {
    return new ResultRow(benchmark, measure, value, "", Verdict.INFO);
  }
}
