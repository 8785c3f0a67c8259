package dev.graspsync.host;

import dev.graspsync.host.config.CommandLine;
import dev.graspsync.host.config.RelayConfig;
import dev.graspsync.spi.PluginConfigException;
import dev.graspsync.spi.hosting.HostConfigException;
import dev.graspsync.spi.loader.PluginLoadException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code grasp-relay [--config FILE]}: starts the relay and prints {@code listening on
 * ws://HOST:PORT} once it serves. Exit code 2 for a configuration that cannot start, 1 for
 * any other start-up failure. SIGTERM stops it gracefully.
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);
  static final int EXIT_BAD_CONFIG = 2;
  static final int EXIT_FAILED = 1;

  private Main() {}

  public static void main(String[] args) {
    RelayRuntime relay;
    try {
      RelayConfig config = CommandLine.parse(args).load(System.getenv(), System.getProperties());
      relay = RelayRuntime.start(config);
    } catch (HostConfigException | PluginConfigException | PluginLoadException e) {
      log.error("cannot start: {}", e.getMessage());
      System.exit(EXIT_BAD_CONFIG);
      return;
    } catch (StartupException e) {
      // A plugin refusing its configuration is a configuration error too.
      boolean badConfig = e.getCause() instanceof PluginConfigException || e.getCause() instanceof HostConfigException;
      log.error("cannot start: {}", e.getMessage(), badConfig ? null : e.getCause());
      System.exit(badConfig ? EXIT_BAD_CONFIG : EXIT_FAILED);
      return;
    } catch (RuntimeException e) {
      log.error("cannot start", e);
      System.exit(EXIT_FAILED);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(relay::stop, "relay-shutdown"));
    // The one console line: scripts and tests wait for it to know the relay serves.
    PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    stdout.println("listening on " + relay.listenUrl());
  }
}
