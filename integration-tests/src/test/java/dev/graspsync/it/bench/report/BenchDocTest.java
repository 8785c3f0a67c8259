package dev.graspsync.it.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A benchmark run rewrites its own results and nothing else in docs/benchmarks.md. */
class BenchDocTest {
  @Test
  void appendsTheSectionWhenTheDocHasNone() {
    String merged = BenchDoc.merge("# Benchmarks\n\n## Protocol core\n\nfigures\n", "| a | b |");
    assertThat(merged).startsWith("# Benchmarks\n\n## Protocol core\n\nfigures\n\n" + BenchDoc.HEADING)
        .contains(BenchDoc.START + "\n\n| a | b |\n\n" + BenchDoc.END);
  }

  @Test
  void replacesOnlyWhatIsBetweenTheMarkers() {
    String doc = "# B\n\n## Other\n\nkept\n\n" + BenchDoc.HEADING + "\n\nprose before\n\n" + BenchDoc.START
        + "\n\nold table\n\n" + BenchDoc.END + "\n\nanalysis after\n\n## Later section\n\nalso kept\n";
    String merged = BenchDoc.merge(doc, "new table");
    assertThat(merged).isEqualTo("# B\n\n## Other\n\nkept\n\n" + BenchDoc.HEADING + "\n\nprose before\n\n"
        + BenchDoc.START + "\n\nnew table\n\n" + BenchDoc.END + "\n\nanalysis after\n\n## Later section\n\nalso kept\n");
  }
}
