package dev.graspsync.it.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process the tests or the benchmarks start (a relay, a host, a script), with what every
 * such child needs: its stderr appended to a log file; its stdout read on a daemon thread, so
 * the child never blocks on a full pipe, keeping in order the lines its owner waits for (a
 * readiness line, protocol replies); its stdin for requests; and an end whatever happened.
 * {@link #stop} asks (SIGTERM) and then forces (SIGKILL), descendants included; a JVM shutdown
 * hook kills every child still running, so a failed or interrupted run leaves none behind.
 */
public final class ChildProcess {
  private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();
  private static final Duration KILL_WAIT = Duration.ofSeconds(30);
  private static final int TAIL_LINES = 40;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ChildProcess::signalKill), "child-reaper"));
  }

  private final String name;
  private final Process process;
  private final Path log;
  private final Writer stdin;
  /** Kept stdout lines in order; an empty element once stdout has ended. */
  private final BlockingQueue<Optional<String>> kept = new LinkedBlockingQueue<>();

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
  }

  /** A child running {@code command}; see {@link Builder}. */
  public static Builder command(List<String> command) {
    return new Builder(command);
  }

  /** How to start a child: where it runs, which stdout lines its owner waits for, whether stdout is logged too. */
  public static final class Builder {
    private final List<String> command;
    private Optional<Path> directory = Optional.empty();
    private Predicate<String> keep = line -> false;
    private boolean stdoutToLog;

    private Builder(List<String> command) {
      this.command = List.copyOf(command);
    }

    /** The working directory (this JVM's unless set). */
    public Builder directory(Path dir) {
      this.directory = Optional.of(dir);
      return this;
    }

    /** Stdout lines {@link #awaitLine} returns; the others are dropped (or only logged). */
    public Builder keepLines(Predicate<String> lines) {
      this.keep = lines;
      return this;
    }

    /** Copies every stdout line to the log as well, for children that log to stdout. */
    public Builder stdoutToLog() {
      this.stdoutToLog = true;
      return this;
    }

    /** Starts the child; {@code name} is for messages and thread names, {@code log} receives its stderr. */
    public ChildProcess start(String name, Path log) {
      Process process;
      try {
        Files.createDirectories(log.toAbsolutePath().getParent());
        process = new ProcessBuilder(command)
            .directory(directory.map(Path::toFile).orElse(null))
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + name + ": " + command, e);
      }
      ChildProcess child = new ChildProcess(name, process, log);
      LIVE.add(child);
      process.onExit().thenRun(() -> LIVE.remove(child));
      Thread reader = new Thread(() -> child.readStdout(keep, stdoutToLog), name + "-stdout");
      reader.setDaemon(true);
      reader.start();
      return child;
    }
  }

  private void readStdout(Predicate<String> keep, boolean toLog) {
    try (BufferedReader out =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer copy = toLog
            ? Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
            : Writer.nullWriter()) {
      String line;
      while ((line = out.readLine()) != null) {
        if (keep.test(line)) {
          kept.add(Optional.of(line));
        }
        if (toLog) {
          copy.write(line);
          copy.write(System.lineSeparator());
          copy.flush();
        }
      }
    } catch (IOException e) {
      // the process ended, or its log cannot be written: its output is over for us either way
    } finally {
      kept.add(Optional.empty());
    }
  }

  /**
   * The next kept stdout line. Fails, with the end of the log, when none comes within
   * {@code timeout} or the child's stdout ends first.
   */
  public String awaitLine(Duration timeout) {
    Optional<String> line;
    try {
      line = kept.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + name, e);
    }
    if (line == null) {
      throw new IllegalStateException(name + " said nothing within " + timeout.toSeconds() + " s; log " + log
          + ":\n" + logTail());
    }
    if (line.isEmpty()) {
      kept.add(line); // later calls fail at once too
      String how = process.isAlive() ? " closed its stdout" : " exited (" + process.exitValue() + ")";
      throw new IllegalStateException(name + how + "; log " + log + ":\n" + logTail());
    }
    return line.get();
  }

  /** Writes one line to the child's stdin. */
  public synchronized void send(String line) {
    try {
      stdin.write(line);
      stdin.write('\n');
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(name + " is gone", e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The file holding the child's stderr (and stdout if asked), for failure messages. */
  public Path log() {
    return log;
  }

  /** Whether the child ended within {@code timeout}. */
  public boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /** The exit code; only once the child has ended. */
  public int exitValue() {
    return process.exitValue();
  }

  /** SIGKILL, descendants included, as a crash would; returns once it is dead. */
  public void kill() {
    signalKill();
    if (!awaitExit(KILL_WAIT)) {
      throw new IllegalStateException(name + " did not die within " + KILL_WAIT.toSeconds() + " s of SIGKILL");
    }
  }

  /** SIGTERM, descendants first; SIGKILL if the child has not ended within {@code grace}. */
  public void stop(Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!awaitExit(grace)) {
      signalKill();
      awaitExit(Duration.ofSeconds(10));
    }
  }

  /** The last lines of the log, or why it cannot be read. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private void signalKill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", log " + log + ")";
  }
}
