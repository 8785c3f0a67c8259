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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's {@code chromium}, headless, as a test instrument: loads a page, lets its scripts
 * run for a few seconds of virtual time, and gives back the DOM or a screenshot. Each run gets
 * a fresh profile and talks to nothing but the page's own origin. The binary is found on the
 * PATH or in {@code $CHROMIUM}; .ci/run installs it with apt-get.
 */
final class Chromium {
  /** Set (to anything) where the browser must be there: CI fails instead of skipping. */
  static final String REQUIRED_ENV = "GRASP_REQUIRE_CHROMIUM";
  private static final long TIMEOUT_SECONDS = 90;
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final Path binary;
  private final Path workDir;

  private Chromium(Path binary, Path workDir) {
    this.binary = binary;
    this.workDir = workDir;
  }

  static Optional<Chromium> find(Path workDir) {
    List<String> candidates = new ArrayList<>();
    Optional.ofNullable(System.getenv("CHROMIUM")).ifPresent(candidates::add);
    for (String dir : Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, "chromium").toString());
      }
    }
    return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst().map(p -> new Chromium(p, workDir));
  }

  /** The DOM after the page's scripts ran, serialised. */
  String dumpDom(String url) {
    return run(List.of("--dump-dom"), url);
  }

  /** A PNG of the page as a 1200×800 window shows it. */
  void screenshot(String url, Path png) {
    run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=1200,800", "--hide-scrollbars"), url);
    if (!Files.isRegularFile(png)) {
      throw new IllegalStateException("chromium wrote no screenshot to " + png);
    }
  }

  private String run(List<String> mode, String url) {
    int n = RUNS.incrementAndGet();
    Path profile = workDir.resolve("chromium-profile-" + n);
    Path log = NodeScripts.logDir().resolve("chromium-" + ProcessHandle.current().pid() + "-" + n + ".log");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--virtual-time-budget=5000"));
    command.addAll(mode);
    command.add(url);
    Process process = null;
    try {
      Files.createDirectories(profile);
      Path out = workDir.resolve("chromium-" + n + ".out");
      process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("chromium did not finish within " + TIMEOUT_SECONDS + " s; log " + log);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("chromium exited with " + process.exitValue() + "; log " + log);
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + binary, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while chromium ran", e);
    } finally {
      if (process != null && process.isAlive()) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    }
  }
}
