package dev.graspsync.host;

import dev.graspsync.host.config.CommandLine;
import dev.graspsync.spi.PluginConfigException;
import dev.graspsync.spi.hosting.HostConfigException;
import dev.graspsync.spi.hosting.HostLaunch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code grasp-relay [--config FILE]}: starts the relay and prints {@code listening on
 * ws://HOST:PORT} once it serves. Exit code 2 for a configuration that cannot start, 1 for
 * any other start-up failure. SIGTERM stops it gracefully.
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    HostLaunch.start(log,
            () -> RelayRuntime.start(CommandLine.parse(args).load(System.getenv(), System.getProperties())),
            Main::isConfiguration, System::exit)
        .ifPresent(relay -> HostLaunch.serve("relay-shutdown", relay::stop, "listening on " + relay.listenUrl()));
  }

  /** A plugin refusing its configuration while the relay starts is a configuration error too. */
  private static boolean isConfiguration(RuntimeException e) {
    return HostLaunch.isConfiguration(e) || (e instanceof StartupException
        && (e.getCause() instanceof PluginConfigException || e.getCause() instanceof HostConfigException));
  }
}
