package dev.graspsync.it.bench.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference-host relay in a process of its own ({@code dev.graspsync.host.Main --config
 * FILE}), on a free loopback port, open policy and no per-connection rate limit: the external
 * relays the benchmarks sync from. Ready once it printed {@code listening on ws://...}.
 */
public final class ChildRelay implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (ws://[^\\s]+)");

  private final String name;
  private final Process process;
  private final String url;

  private ChildRelay(String name, Process process, String url) {
    this.name = name;
    this.process = process;
    this.url = url;
  }

  /** {@code settings} override the defaults below (relay.* keys of docs/configuration.md). */
  public static ChildRelay start(String name, Path workDir, Map<String, String> settings, String heap, Path logback) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("relay.host", "127.0.0.1");
    config.put("relay.port", "0");
    config.put("relay.data-dir", workDir.resolve(name).toAbsolutePath().toString());
    config.put("relay.policy", "open");
    config.put("relay.events-per-second", "1000000");
    config.put("relay.events-burst", "10000000");
    config.putAll(settings);
    Path file = workDir.resolve(name + ".properties");
    try {
      Files.createDirectories(workDir);
      StringBuilder text = new StringBuilder();
      config.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Process p = ChildJvm.start(List.of("-Xmx" + heap, "-XX:+UseG1GC"), "dev.graspsync.host.Main",
        List.of("--config", file.toAbsolutePath().toString()), workDir.resolve("logs").resolve(name + ".log"), logback);
    CompletableFuture<String> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            listening.complete(m.group(1));
          }
        }
      } catch (IOException e) {
        // the process ended
      }
      listening.completeExceptionally(new IllegalStateException("relay " + name + " exited before listening"));
    }, "relay-" + name + "-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      return new ChildRelay(name, p, listening.get(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      ChildJvm.stop(p, 5);
      throw new IllegalStateException("relay " + name + " did not start; see " + workDir.resolve("logs"), e);
    }
  }

  public String url() {
    return url;
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    ChildJvm.stop(process, 20);
  }
}
