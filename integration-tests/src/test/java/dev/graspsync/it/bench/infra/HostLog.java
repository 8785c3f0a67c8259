package dev.graspsync.it.bench.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** What the host under test logged, read back for the results: why batches failed. */
public final class HostLog {
  private static final String FAILED = "failed, retried at the next daily resync: ";

  private HostLog() {}

  /** The reason of the first batch failure grasp-sync logged. */
  public static Optional<String> firstBatchFailure(Path log) {
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.filter(l -> l.contains(FAILED)).findFirst()
          .map(l -> l.substring(l.indexOf(FAILED) + FAILED.length()).trim());
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.empty();
    }
  }
}
