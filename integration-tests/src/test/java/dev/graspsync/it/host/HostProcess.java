package dev.graspsync.it.host;

import dev.graspsync.it.harness.ChildJvm;
import dev.graspsync.it.harness.ChildProcess;
import dev.graspsync.it.harness.NodeScripts;
import dev.graspsync.sync.GraspSyncPlugin;
import java.io.File;
import java.io.IOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The reference relay as operators run it, in a JVM of its own: {@code
 * dev.graspsync.host.Main --config FILE}, on a free loopback port, ready once it printed
 * {@code listening on ws://...}. Two uses: a host with grasp-sync loaded from its jar in a
 * plugins directory by the host's plugin loader (for tests where a crash is the point: {@link
 * #kill()} is {@code kill -9}), and an open relay without plugins (the benchmarks' external
 * relays). The host's classes come from this test's class path (the reference host and its
 * libraries, as installed).
 */
public final class HostProcess implements AutoCloseable {
  private static final String MAIN = "dev.graspsync.host.Main";
  private static final Pattern LISTENING = Pattern.compile("listening on (ws://127\\.0\\.0\\.1:(\\d+))");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  /** A test host syncs a few thousand events: a small heap, quick start-up. */
  private static final List<String> TEST_HOST_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final String name;
  private final ChildProcess process;
  private final String url;
  private final int port;
  // created at the first GET: the benchmarks' relays are never asked over HTTP
  private HttpClient http;

  private HostProcess(String name, ChildProcess process, String url, int port) {
    this.name = name;
    this.process = process;
    this.url = url;
    this.port = port;
  }

  /**
   * Starts a host on a free port with data in {@code dataDir}, public URL {@code ownUrl}, GRASP
   * policy and grasp-sync enabled with {@code pluginSettings} (keys without the prefix). The
   * plugin comes from {@code workDir/plugins} only, not from the class path.
   */
  public static HostProcess start(Path workDir, Path dataDir, String ownUrl, Map<String, String> pluginSettings,
      String name) {
    Path plugins;
    try {
      plugins = Files.createDirectories(workDir.resolve("plugins"));
      Path jar = plugins.resolve("grasp-sync.jar");
      if (!Files.exists(jar)) {
        copyPluginJar(jar);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> config = new LinkedHashMap<>();
    config.put("relay.port", "0");
    config.put("relay.url", ownUrl);
    config.put("relay.policy", "grasp");
    config.put("relay.data-dir", dataDir.toString());
    config.put("relay.plugins-dir", plugins.toString());
    config.put("relay.plugins", GraspSyncPlugin.ID);
    config.put("relay.verify-threads", "1");
    config.put("relay.shutdown-grace-seconds", "2");
    pluginSettings.forEach((k, v) -> config.put("plugins.grasp-sync." + k, v));
    Path log = NodeScripts.logDir().resolve("host-" + name + "-" + ProcessHandle.current().pid() + "-"
        + System.nanoTime() + ".log");
    return launch(name, workDir, config, TEST_HOST_JVM, ChildJvm.classPathWithout(pluginLocation()),
        ChildJvm.logbackConfig(workDir, "INFO"), log);
  }

  /**
   * An open relay without plugins and without a per-connection rate limit, data in {@code
   * workDir/name}, log in {@code workDir/logs/name.log}: a public relay others publish to and
   * sync from.
   */
  public static HostProcess openRelay(String name, Path workDir, String heap, Path logbackConfig) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("relay.host", "127.0.0.1");
    config.put("relay.port", "0");
    config.put("relay.data-dir", workDir.resolve(name).toAbsolutePath().toString());
    config.put("relay.policy", "open");
    config.put("relay.events-per-second", "1000000");
    config.put("relay.events-burst", "10000000");
    return launch(name, workDir, config, List.of("-Xmx" + heap, "-XX:+UseG1GC"), ChildJvm.classPath(), logbackConfig,
        workDir.resolve("logs").resolve(name + ".log"));
  }

  private static HostProcess launch(String name, Path workDir, Map<String, String> config, List<String> jvmArgs,
      String classPath, Path logbackConfig, Path log) {
    Path configFile = workDir.resolve(name + ".properties");
    try {
      Files.createDirectories(workDir);
      StringBuilder text = new StringBuilder();
      config.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
      Files.writeString(configFile, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChildProcess process = ChildProcess.command(ChildJvm.command(jvmArgs, logbackConfig, classPath, MAIN,
            List.of("--config", configFile.toAbsolutePath().toString())))
        .keepLines(LISTENING.asPredicate())
        .start("host-" + name, log);
    try {
      Matcher m = LISTENING.matcher(process.awaitLine(START_TIMEOUT));
      if (!m.find()) {
        throw new IllegalStateException("unexpected readiness line");
      }
      return new HostProcess(name, process, m.group(1), Integer.parseInt(m.group(2)));
    } catch (RuntimeException e) {
      process.stop(Duration.ofSeconds(5));
      throw new IllegalStateException("host " + name + " did not start: " + e.getMessage(), e);
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

  public Path log() {
    return process.log();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** {@code kill -9}: no shutdown hook, no flush, no goodbye. */
  public void kill() {
    process.kill();
  }

  public String httpUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** GET {@code path} on the host's own port (NIP-11 aside: /metrics, /health, plugin pages). */
  public HttpResponse<String> get(String path) {
    try {
      return http().send(HttpRequest.newBuilder(new URI(httpUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("GET " + path + " failed; host log " + log(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }
    return http;
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

  /** Graceful stop (SIGTERM: the host's shutdown hook closes its store), forced after a grace period. */
  @Override
  public void close() {
    process.stop(STOP_GRACE);
  }

  @Override
  public String toString() {
    return "host process " + name + " at " + url + " (log " + log() + ")";
  }

  /** Where the plugin's classes are on this class path (a jar, or a class directory in a reactor build). */
  public static Path pluginLocation() {
    try {
      return Path.of(GraspSyncPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The plugin's jar as installed, or (in a reactor build, where it is a class directory) a jar of it. */
  public static void copyPluginJar(Path target) throws IOException {
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
}
