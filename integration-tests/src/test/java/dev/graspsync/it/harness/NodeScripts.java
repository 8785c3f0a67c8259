package dev.graspsync.it.harness;

import dev.graspsync.nostr.event.Event;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the npm side lives and how to run its one-shot scripts: the nostr-tools fixture
 * signer ({@code fixtures/sign.mjs}, documented at its top) in particular.
 */
public final class NodeScripts {
  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern KEY_LINE =
      Pattern.compile("\\{\"name\":\"([^\"]*)\",\"secret\":\"([0-9a-f]{64})\",\"pubkey\":\"([0-9a-f]{64})\"}");

  private NodeScripts() {}

  /** A named fixture key: the same name gives the same key in every run and in sign.mjs. */
  public record FixtureKey(String name, String secretHex, String pubkeyHex) {}

  /** The integration-tests module directory (Surefire passes it; the working directory otherwise). */
  public static Path moduleDir() {
    return Path.of(System.getProperty("it.basedir", System.getProperty("user.dir"))).toAbsolutePath();
  }

  /** Where relay and script logs go: target/relay-logs unless Surefire says otherwise. */
  public static Path logDir() {
    Path dir = Path.of(System.getProperty("it.logdir", moduleDir().resolve("target/relay-logs").toString()));
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create log directory " + dir, e);
    }
  }

  /** The {@code node} executable found on PATH. */
  public static Path nodeBinary() {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "node");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("node (Node.js 20+) not found on PATH=" + path);
  }

  /** Runs {@code fixtures/sign.mjs} on a JSON spec and returns the signed events, in spec order. */
  public static List<Event> sign(String specJson) {
    return signToJsonLines(specJson).stream().map(Event::fromJson).toList();
  }

  /** Like {@link #sign} but the raw JSON lines, exactly as nostr-tools wrote them. */
  public static List<String> signToJsonLines(String specJson) {
    return nonEmptyLines(run(List.of("fixtures/sign.mjs"), specJson));
  }

  /** The keys sign.mjs derives for these names. */
  public static List<FixtureKey> keys(String... names) {
    List<FixtureKey> keys = new ArrayList<>();
    for (String line : nonEmptyLines(run(List.of("fixtures/sign.mjs", "--keys", String.join(",", names)), ""))) {
      Matcher m = KEY_LINE.matcher(line);
      if (!m.matches()) {
        throw new IllegalStateException("unexpected key line from sign.mjs: " + line);
      }
      keys.add(new FixtureKey(m.group(1), m.group(2), m.group(3)));
    }
    return keys;
  }

  /** Writes events as JSON lines (their original text), e.g. for a relay's {@code --seed}. */
  public static Path writeJsonLines(Path file, Collection<Event> events) {
    StringBuilder text = new StringBuilder();
    events.forEach(e -> text.append(e.toJson()).append('\n'));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Runs {@code node <args>} in the module directory with {@code stdin}; returns stdout, fails on a non-zero exit. */
  public static String run(List<String> args, String stdin) {
    List<String> command = new ArrayList<>();
    command.add(nodeBinary().toString());
    command.addAll(args);
    Process process;
    try {
      process = new ProcessBuilder(command).directory(moduleDir().toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    try {
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(SCRIPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(command + " did not finish within " + SCRIPT_TIMEOUT);
      }
      String stdout = out.get(5, TimeUnit.SECONDS);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(command + " exited " + process.exitValue() + ": " + err.get(5, TimeUnit.SECONDS).strip());
      }
      return stdout;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot talk to " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the output of " + command, e);
    } finally {
      process.destroyForcibly();
    }
  }

  private static String readAll(InputStream stream) {
    try (stream) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> nonEmptyLines(String text) {
    return text.lines().filter(l -> !l.isBlank()).toList();
  }
}
