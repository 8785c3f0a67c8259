package dev.graspsync.it.observability;

import dev.graspsync.it.harness.NodeScripts;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code prometheus} package as a test instrument: {@code promtool} and the {@code
 * prometheus} server, found on the PATH (.ci/run installs the package with apt-get). Where
 * {@value #REQUIRED_ENV} is set, a missing binary fails the test instead of skipping it.
 */
final class PrometheusTools {
  static final String REQUIRED_ENV = "GRASP_REQUIRE_PROMETHEUS";
  private static final long TIMEOUT_SECONDS = 60;

  private PrometheusTools() {}

  /** The binary, or the test is skipped (or fails where it is required). */
  static Path require(String name) {
    Optional<Path> found = find(name);
    if (found.isEmpty() && System.getenv(REQUIRED_ENV) != null) {
      throw new AssertionError(name + " is required here (" + REQUIRED_ENV + " is set) but not on the PATH");
    }
    Assumptions.assumeTrue(found.isPresent(), name + " not on the PATH (Debian package prometheus)");
    return found.orElseThrow();
  }

  static Optional<Path> find(String name) {
    for (String dir : Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Optional.of(Path.of(dir, name));
      }
    }
    return Optional.empty();
  }

  /** Runs {@code promtool args…} to its end: exit code and everything it printed. */
  static Result promtool(Path promtool, String... args) {
    List<String> command = new ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(NodeScripts.logDir(), "promtool", ".out");
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("promtool did not finish within " + TIMEOUT_SECONDS + " s: " + command);
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  record Result(int exitCode, String output) {}

  /** docs/ of this repository (tests run in integration-tests/). */
  static Path docs(String file) {
    return NodeScripts.moduleDir().resolve("../docs").resolve(file).normalize();
  }
}
