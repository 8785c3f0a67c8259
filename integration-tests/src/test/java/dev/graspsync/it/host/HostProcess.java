package dev.graspsync.it.host;

import dev.graspsync.it.harness.NodeScripts;
import dev.graspsync.sync.GraspSyncPlugin;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The reference relay with grasp-sync as operators run it, in a JVM of its own: {@code
 * dev.graspsync.host.Main --config FILE}, the plugin loaded from its jar in a plugins
 * directory by the host's plugin loader. For tests where a crash is the point: {@link
 * #kill()} is {@code kill -9}. The host's classes come from this test's class path (the
 * reference host and its libraries, as installed), the plugin from its jar only.
 */
public final class HostProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on ws://127\\.0\\.0\\.1:(\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final String LOGBACK = """
      <configuration>
        <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
          <target>System.err</target>
          <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
        </appender>
        <root level="INFO"><appender-ref ref="STDERR"/></root>
        <logger name="io.netty" level="WARN"/>
        <logger name="io.vertx" level="WARN"/>
      </configuration>
      """;

  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HostProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts a host on a free port with data in {@code dataDir}, public URL {@code ownUrl}, GRASP
   * policy and grasp-sync enabled with {@code pluginSettings} (keys without the prefix).
   */
  public static HostProcess start(Path workDir, Path dataDir, String ownUrl, Map<String, String> pluginSettings,
      String name) {
    try {
      Path plugins = Files.createDirectories(workDir.resolve("plugins"));
      Path jar = plugins.resolve("grasp-sync.jar");
      if (!Files.exists(jar)) {
        copyPluginJar(jar);
      }
      StringBuilder config = new StringBuilder()
          .append("relay.port=0\n")
          .append("relay.url=").append(ownUrl).append('\n')
          .append("relay.policy=grasp\n")
          .append("relay.data-dir=").append(dataDir).append('\n')
          .append("relay.plugins-dir=").append(plugins).append('\n')
          .append("relay.plugins=").append(GraspSyncPlugin.ID).append('\n')
          .append("relay.verify-threads=1\n")
          .append("relay.shutdown-grace-seconds=2\n");
      pluginSettings.forEach((k, v) -> config.append("plugins.grasp-sync.").append(k).append('=').append(v).append('\n'));
      Path configFile = Files.writeString(workDir.resolve(name + ".properties"), config.toString());
      Path log = NodeScripts.logDir().resolve("host-" + name + "-" + ProcessHandle.current().pid() + "-"
          + System.nanoTime() + ".log");
      // this class path carries the tests' logback-test.xml (stdout); the host logs to stderr
      Path logback = Files.writeString(workDir.resolve("host-logback.xml"), LOGBACK);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-Dlogback.configurationFile=" + logback, "-cp", hostClassPath(), "dev.graspsync.host.Main", "--config", configFile.toString())
          .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
      Process process = pb.start();
      return new HostProcess(process, awaitListening(process, log), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int awaitListening(Process process, Path log) {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (IOException e) {
        return null;
      }
    });
    try {
      String first = line.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      Matcher m = first == null ? null : LISTENING.matcher(first);
      if (m == null || !m.find()) {
        throw new IllegalStateException("host did not start: " + first + "; log " + log + ":\n" + tail(log));
      }
      // keep draining stdout so the child never blocks on a full pipe
      Thread drain = new Thread(() -> {
        try {
          while (out.readLine() != null) {
            // nothing but the listening line is expected
          }
        } catch (IOException e) {
          // the process ended
        }
      }, "host-stdout");
      drain.setDaemon(true);
      drain.start();
      return Integer.parseInt(m.group(1));
    } catch (Exception e) {
      process.destroyForcibly();
      throw e instanceof RuntimeException r ? r : new IllegalStateException("host did not start; log " + log, e);
    }
  }

  public String url() {
    return "ws://127.0.0.1:" + port;
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** {@code kill -9}: no shutdown hook, no flush, no goodbye. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("host did not die");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public String httpUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** GET {@code path} on the host's own port (NIP-11 aside: /metrics, /health, plugin pages). */
  public HttpResponse<String> get(String path) {
    try {
      return http.send(HttpRequest.newBuilder(new URI(httpUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("GET " + path + " failed; host log " + log, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The Prometheus text at /metrics. */
  public String metrics() {
    return get("/metrics").body();
  }

  /** The value of the first sample line starting with {@code series} (name and labels as exported), or -1. */
  public double metric(String series) {
    return metric(metrics(), series);
  }

  public static double metric(String scrape, String series) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
      }
    }
    return -1;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  @Override
  public String toString() {
    return "host process at " + url() + " (log " + log + ")";
  }

  /** This JVM's class path without grasp-sync: the plugin must come from the plugins directory. */
  private static String hostClassPath() {
    Path plugin = pluginLocation();
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty() && !Path.of(entry).toAbsolutePath().equals(plugin)) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private static Path pluginLocation() {
    try {
      return Path.of(GraspSyncPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The plugin's jar as installed, or (in a reactor build, where it is a class directory) a jar of it. */
  private static void copyPluginJar(Path target) throws IOException {
    Path location = pluginLocation();
    if (Files.isRegularFile(location)) {
      Files.copy(location, target, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file);
        Stream<Path> files = Files.walk(location)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        jar.putNextEntry(new JarEntry(location.relativize(p).toString().replace(File.separatorChar, '/')));
        Files.copy(p, jar);
        jar.closeEntry();
      }
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(unreadable)";
    }
  }
}
