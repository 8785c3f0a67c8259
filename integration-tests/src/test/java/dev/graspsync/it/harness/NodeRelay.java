package dev.graspsync.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A relay written in JavaScript ({@code relays/*.mjs}) running as a child process on loopback.
 *
 * <p>Started on a free port ({@code --port 0}); ready once it printed {@code listening on
 * ws://127.0.0.1:PORT}. Its stdout and stderr go to a log file under {@code
 * target/relay-logs/}. {@link #close()} ends it, whatever happened: SIGTERM, then SIGKILL
 * after a grace period. A JVM shutdown hook ends every relay still running ({@link
 * ChildProcess}), and the relay itself exits when its stdin closes ({@code --watch-parent}),
 * which covers a harness killed with {@code kill -9}. Safe to use from parallel tests: nothing
 * is shared but the hook.
 *
 * <p>Not thread-safe per instance: one test drives one relay.
 */
public final class NodeRelay implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final Pattern LISTENING = Pattern.compile("listening on (ws://127\\.0\\.0\\.1:(\\d+))");
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final String script;
  private final List<String> args;
  private final Path log;
  private ChildProcess process;
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
      process.kill();
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
    if (process != null) {
      process.stop(STOP_GRACE);
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
      Files.writeString(log, "### " + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + log, e);
    }
    process = ChildProcess.command(command)
        .directory(NodeScripts.moduleDir())
        .keepLines(LISTENING.asPredicate())
        .stdoutToLog()
        .start("node-relay-" + script, log);
    try {
      Matcher m = LISTENING.matcher(process.awaitLine(START_TIMEOUT));
      if (!m.find()) {
        throw new IllegalStateException("unexpected readiness line");
      }
      url = m.group(1);
      port = Integer.parseInt(m.group(2));
    } catch (RuntimeException e) {
      close();
      throw new IllegalStateException("relay " + command + " did not start: " + e.getMessage(), e);
    }
  }
}
