package dev.graspsync.it.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a run's results into docs/benchmarks.md, in the section "Sync benchmarks (B1-B4)"
 * only: between its two result markers when they exist (the prose around them, written by
 * hand, stays), else as a new section at the end. Other sections are never touched.
 */
public final class BenchDoc {
  public static final String HEADING = "## Sync benchmarks (B1-B4)";
  static final String START = "<!-- sync-bench results: start (written by SyncBenchmark) -->";
  static final String END = "<!-- sync-bench results: end -->";

  private BenchDoc() {}

  public static void write(Path doc, String results) {
    try {
      String text = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "# Benchmarks\n";
      Files.writeString(doc, merge(text, results), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + doc, e);
    }
  }

  static String merge(String text, String results) {
    String block = START + "\n\n" + results.strip() + "\n\n" + END;
    int start = text.indexOf(START);
    int end = text.indexOf(END);
    if (start >= 0 && end > start) {
      return text.substring(0, start) + block + text.substring(end + END.length());
    }
    String body = text.endsWith("\n") ? text : text + "\n";
    return body + "\n" + HEADING + "\n\n" + block + "\n";
  }
}
