package dev.graspsync.it.observability;

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
 * The reference relay with grasp-sync as operators run it: {@code dev.graspsync.host.Main} in a
 * JVM of its own, HTTP and WebSocket on one loopback port, the plugin loaded by the host's
 * plugin loader from its jar (an in-process relay cannot: the plugin is on this JVM's class
 * path, where the loader skips it). Logs go to a file under target/relay-logs.
 */
final class HostWithSync implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("^listening on ws://127\\.0\\.0\\.1:(\\d+)$");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HostWithSync(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts on a free port, GRASP policy, own URL {@code ownUrl}, grasp-sync with {@code settings} (unprefixed keys). */
  static HostWithSync start(Path workDir, String ownUrl, Map<String, String> settings) throws IOException {
    Path plugins = Files.createDirectories(workDir.resolve("plugins"));
    packPlugin(plugins.resolve("grasp-sync.jar"));
    StringBuilder config = new StringBuilder()
        .append("relay.port=0\nrelay.host=127.0.0.1\nrelay.policy=grasp\nrelay.verify-threads=1\n")
        .append("relay.shutdown-grace-seconds=2\n")
        .append("relay.url=").append(ownUrl).append('\n')
        .append("relay.data-dir=").append(workDir.resolve("data")).append('\n')
        .append("relay.plugins-dir=").append(plugins).append('\n')
        .append("relay.plugins=").append(GraspSyncPlugin.ID).append('\n');
    settings.forEach((k, v) -> config.append("plugins.grasp-sync.").append(k).append('=').append(v).append('\n'));
    Path configFile = Files.writeString(workDir.resolve("relay.properties"), config.toString());
    // the test class path carries a logback-test.xml that logs to stdout, where only the listening line belongs
    Path logback = Files.writeString(workDir.resolve("logback-host.xml"), """
        <configuration>
          <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
          </appender>
          <logger name="io.netty" level="WARN"/><logger name="io.vertx" level="WARN"/>
          <root level="INFO"><appender-ref ref="ERR"/></root>
        </configuration>
        """);
    Path log = NodeScripts.logDir().resolve("host-observability-" + ProcessHandle.current().pid() + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dlogback.configurationFile=" + logback, "-cp", hostClassPath(), "dev.graspsync.host.Main",
        "--config", configFile.toString())
        .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
        .start();
    return new HostWithSync(process, awaitListening(process, log), log);
  }

  private static int awaitListening(Process process, Path log) {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
      try {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          Matcher m = LISTENING.matcher(line);
          if (m.matches()) {
            return Integer.parseInt(m.group(1));
          }
        }
        return -1;
      } catch (IOException e) {
        return -1;
      }
    });
    try {
      int p = port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (p < 0) {
        throw new IllegalStateException("host exited before listening; log " + log);
      }
      Thread drain = new Thread(() -> out.lines().forEach(line -> { }), "host-stdout");
      drain.setDaemon(true);
      drain.start();
      return p;
    } catch (Exception e) {
      process.destroyForcibly();
      throw e instanceof IllegalStateException s ? s : new IllegalStateException("host did not start; log " + log, e);
    }
  }

  String httpUrl() {
    return "http://127.0.0.1:" + port;
  }

  Path log() {
    return log;
  }

  HttpResponse<String> get(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(httpUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " failed; host log " + log, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The value of the sample {@code series} (name and labels exactly as exported) in /metrics, or -1. */
  double metric(String series) {
    for (String line : get("/metrics").body().split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
      }
    }
    return -1;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    return "relay with grasp-sync at " + httpUrl() + " (log " + log + ")";
  }

  /** This JVM's class path without grasp-sync: the host must load the plugin from its jar. */
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

  /** The plugin's jar as Maven resolved it, or (a reactor build without package) a jar of its classes. */
  private static void packPlugin(Path target) throws IOException {
    Path location = pluginLocation();
    if (Files.isRegularFile(location)) {
      Files.copy(location, target);
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
}
