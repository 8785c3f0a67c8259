package dev.graspsync.it.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A relay written in JavaScript ({@code relays/*.mjs}) running as a child process on loopback.
 *
 * <p>Started on a free port ({@code --port 0}); ready once it printed {@code listening on
 * ws://127.0.0.1:PORT}. Its stdout and stderr go to a log file under {@code
 * target/relay-logs/}. {@link #close()} ends it, whatever happened: SIGTERM, then SIGKILL
 * after a grace period. A JVM shutdown hook ends every relay still running, and the relay
 * itself exits when its stdin closes ({@code --watch-parent}), which covers a harness killed
 * with {@code kill -9}. Safe to use from parallel tests: nothing is shared but the hook.
 *
 * <p>Not thread-safe per instance: one test drives one relay.
 */
public final class NodeRelay implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final Pattern LISTENING = Pattern.compile("listening on (ws://127\\.0\\.0\\.1:(\\d+))");
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(NodeRelay::killTree), "node-relay-reaper"));
  }

  private final String script;
  private final List<String> args;
  private final Path log;
  private Process process;
  private int port;
  private String url;

  private NodeRelay(String script, List<String> args, Path log) {
    this.script = script;
    this.args = List.copyOf(args);
    this.log = log;
  }

  /** Starts {@code relays/<script>} with the script's own options (see the top of each script). */
  public static NodeRelay start(String script, List<String> args) {
    String name = script.replace(".mjs", "") + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet() + ".log";
    NodeRelay relay = new NodeRelay(script, args, NodeScripts.logDir().resolve(name));
    relay.launch(0);
    return relay;
  }

  /** The @nostr-relay/core relay ({@code relays/nostr-relay.mjs}). */
  public static NodeRelay nostrRelay(String... args) {
    return start("nostr-relay.mjs", List.of(args));
  }

  /** The hostile relay ({@code relays/hostile-relay.mjs}), e.g. {@code hostileRelay("--mode", "garbage")}. */
  public static NodeRelay hostileRelay(String... args) {
    return start("hostile-relay.mjs", List.of(args));
  }

  public String url() {
    return url;
  }

  public int port() {
    return port;
  }

  /** The file holding the relay's stdout and stderr, for failure messages. */
  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Kills the relay at once (SIGKILL), as a crash would; {@link #restart()} brings it back. */
  public void kill() {
    if (process != null) {
      killTree(process);
      LIVE.remove(process);
    }
  }

  /**
   * Starts the relay again on the same port with the same options (kills it first if it still
   * runs). An in-memory relay comes back empty unless it was given {@code --seed} or
   * {@code --persist}.
   */
  public void restart() {
    kill();
    launch(port);
  }

  @Override
  public void close() {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        killTree(process);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killTree(process);
    } finally {
      LIVE.remove(process);
    }
  }

  @Override
  public String toString() {
    return script + " " + args + " at " + url + " (log " + log + ")";
  }

  private void launch(int requestedPort) {
    List<String> command = new ArrayList<>();
    command.add(NodeScripts.nodeBinary().toString());
    command.add("relays/" + script);
    command.add("--port");
    command.add(Integer.toString(requestedPort));
    command.add("--watch-parent");
    command.addAll(args);
    try {
      appendToLog("### " + String.join(" ", command) + System.lineSeparator());
      process = new ProcessBuilder(command)
          .directory(NodeScripts.moduleDir().toFile())
          .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    LIVE.add(process);
    CompletableFuture<String> listening = new CompletableFuture<>();
    Process started = process;
    Thread drain = new Thread(() -> drainStdout(started, listening), "node-relay-stdout-" + script);
    drain.setDaemon(true);
    drain.start();
    try {
      Matcher m = LISTENING.matcher(listening.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
      if (!m.find()) {
        throw new IllegalStateException("unexpected readiness line");
      }
      url = m.group(1);
      port = Integer.parseInt(m.group(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while starting " + command, e);
    } catch (ExecutionException | TimeoutException e) {
      close();
      throw new IllegalStateException(
          "relay did not start within " + START_TIMEOUT + ": " + command + "; log " + log + ":\n" + logTail(), e);
    }
  }

  /** Completes {@code listening} with the readiness line, then copies the rest of stdout to the log. */
  private void drainStdout(Process started, CompletableFuture<String> listening) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
        Writer logWriter = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      String line;
      while ((line = out.readLine()) != null) {
        if (!listening.isDone() && LISTENING.matcher(line).find()) {
          listening.complete(line);
        }
        logWriter.write(line);
        logWriter.write(System.lineSeparator());
        logWriter.flush();
      }
    } catch (IOException e) {
      listening.completeExceptionally(e);
    } finally {
      listening.completeExceptionally(new IllegalStateException("relay stdout closed before it was ready"));
    }
  }

  private void appendToLog(String text) throws IOException {
    Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
