package dev.graspsync.it.sidecar;

import dev.graspsync.it.harness.ChildJvm;
import dev.graspsync.it.harness.ChildProcess;
import dev.graspsync.it.harness.NodeScripts;
import dev.graspsync.it.host.HostProcess;
import dev.graspsync.sync.GraspSyncPlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sidecar as operators run it, in a JVM of its own: {@code dev.graspsync.sidecar.Main
 * --config FILE}, grasp-sync loaded from its jar in a plugins directory (not from the class
 * path), HTTP on a free loopback port; ready once it printed {@code serving http://...}.
 * {@link #stop()} and {@link #startAgain()} restart it with the same configuration and data, as
 * an operator would.
 */
public final class SidecarProcess implements AutoCloseable {
  private static final String MAIN = "dev.graspsync.sidecar.Main";
  private static final Pattern SERVING = Pattern.compile("serving (http://127\\.0\\.0\\.1:(\\d+))");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  private static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final Path workDir;
  private final Path configFile;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ChildProcess process;
  private String httpUrl;
  private int starts;

  private SidecarProcess(Path workDir, Path configFile) {
    this.workDir = workDir;
    this.configFile = configFile;
  }

  /**
   * A sidecar for the relay at {@code relayUrl} with data in {@code workDir/data}, grasp-sync
   * enabled with {@code pluginSettings} (keys without the prefix) and {@code extra} sidecar
   * settings (e.g. sidecar.relay-public-urls).
   */
  public static SidecarProcess start(Path workDir, String relayUrl, Map<String, String> extra,
      Map<String, String> pluginSettings) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("sidecar.relay-url", relayUrl);
    config.put("sidecar.data-dir", workDir.resolve("data").toString());
    config.put("sidecar.http-port", "0");
    config.put("sidecar.plugins-dir", workDir.resolve("plugins").toString());
    config.put("sidecar.plugins", GraspSyncPlugin.ID);
    config.put("sidecar.reconnect-max-seconds", "1");
    config.put("sidecar.shutdown-grace-seconds", "5");
    config.putAll(extra);
    pluginSettings.forEach((k, v) -> config.put("plugins.grasp-sync." + k, v));
    Path file = workDir.resolve("sidecar.properties");
    try {
      Path plugins = Files.createDirectories(workDir.resolve("plugins"));
      HostProcess.copyPluginJar(plugins.resolve("grasp-sync.jar"));
      StringBuilder text = new StringBuilder();
      config.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SidecarProcess sidecar = new SidecarProcess(workDir, file);
    sidecar.launch();
    return sidecar;
  }

  public String httpUrl() {
    return httpUrl;
  }

  public Path log() {
    return process.log();
  }

  /** Graceful stop (SIGTERM), as an operator's restart begins. */
  public void stop() {
    process.stop(STOP_GRACE);
  }

  /** Starts it again with the same configuration and data, after {@link #stop()}. */
  public void startAgain() {
    launch();
  }

  /** HTTP status of /health: 200 while the operator's relay is reachable, 503 otherwise. */
  public int health() {
    return get("/health").statusCode();
  }

  /** The value of the first /metrics sample line starting with {@code series}, or -1. */
  public double metric(String series) {
    return HostProcess.metric(get("/metrics").body(), series);
  }

  public HttpResponse<String> get(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(httpUrl + path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " failed; sidecar log " + log(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.stop(STOP_GRACE);
  }

  @Override
  public String toString() {
    return "sidecar at " + httpUrl + " (log " + log() + ")";
  }

  private void launch() {
    starts++;
    Path log = NodeScripts.logDir().resolve("sidecar-" + ProcessHandle.current().pid() + "-" + System.nanoTime()
        + "-" + starts + ".log");
    process = ChildProcess.command(ChildJvm.command(JVM, ChildJvm.logbackConfig(workDir, "INFO"),
            ChildJvm.classPathWithout(HostProcess.pluginLocation()), MAIN,
            List.of("--config", configFile.toAbsolutePath().toString())))
        .keepLines(SERVING.asPredicate())
        .start("sidecar", log);
    try {
      Matcher m = SERVING.matcher(process.awaitLine(START_TIMEOUT));
      if (!m.find()) {
        throw new IllegalStateException("unexpected readiness line");
      }
      httpUrl = m.group(1);
    } catch (RuntimeException e) {
      process.stop(Duration.ofSeconds(5));
      throw new IllegalStateException("sidecar did not start: " + e.getMessage() + "; log " + log, e);
    }
  }
}
