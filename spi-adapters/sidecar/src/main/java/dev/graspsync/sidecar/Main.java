package dev.graspsync.sidecar;

import dev.graspsync.sidecar.config.CommandLine;
import dev.graspsync.spi.hosting.HostLaunch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code grasp-sync-sidecar [--config FILE]}: starts the sidecar and prints {@code serving
 * http://HOST:PORT} once its plugins run. Exit code 2 for a configuration that cannot start, 1
 * for any other start-up failure. SIGTERM stops it gracefully.
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    HostLaunch.start(log,
            () -> SidecarRuntime.start(CommandLine.parse(args).load(System.getenv(), System.getProperties())),
            HostLaunch::isConfiguration, System::exit)
        .ifPresent(sidecar -> HostLaunch.serve("sidecar-shutdown", sidecar::stop, "serving " + sidecar.httpUrl()));
  }
}
