package dev.graspsync.sidecar;

import dev.graspsync.sidecar.config.CommandLine;
import dev.graspsync.sidecar.config.SidecarConfig;
import dev.graspsync.spi.PluginConfigException;
import dev.graspsync.spi.hosting.HostConfigException;
import dev.graspsync.spi.loader.PluginLoadException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code grasp-sync-sidecar [--config FILE]}: starts the sidecar and prints {@code serving
 * http://HOST:PORT} once its plugins run. Exit code 2 for a configuration that cannot start, 1
 * for any other start-up failure. SIGTERM stops it gracefully.
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);
  static final int EXIT_BAD_CONFIG = 2;
  static final int EXIT_FAILED = 1;

  private Main() {}

  public static void main(String[] args) {
    SidecarRuntime sidecar;
    try {
      SidecarConfig config = CommandLine.parse(args).load(System.getenv(), System.getProperties());
      sidecar = SidecarRuntime.start(config);
    } catch (HostConfigException | PluginConfigException | PluginLoadException e) {
      log.error("cannot start: {}", e.getMessage());
      System.exit(EXIT_BAD_CONFIG);
      return;
    } catch (RuntimeException e) {
      log.error("cannot start: {}", e.getMessage(), e);
      System.exit(EXIT_FAILED);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(sidecar::stop, "sidecar-shutdown"));
    // The one console line: scripts and tests wait for it to know the sidecar runs.
    PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    stdout.println("serving " + sidecar.httpUrl());
  }
}
