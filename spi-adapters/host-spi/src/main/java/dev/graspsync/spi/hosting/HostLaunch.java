package dev.graspsync.spi.hosting;

import dev.graspsync.spi.PluginConfigException;
import dev.graspsync.spi.loader.PluginLoadException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * What a host process's {@code main} does around its own start: a start-up failure is logged and
 * ends the process with {@link #EXIT_BAD_CONFIG} when the operator must fix the configuration,
 * {@link #EXIT_FAILED} otherwise; a started host stops on SIGTERM and says so on its one console line.
 */
public final class HostLaunch {
  public static final int EXIT_BAD_CONFIG = 2;
  public static final int EXIT_FAILED = 1;

  private HostLaunch() {}

  /** The host's or a plugin's settings, or a plugin jar that cannot be loaded. */
  public static boolean isConfiguration(Throwable e) {
    return e instanceof HostConfigException || e instanceof PluginConfigException || e instanceof PluginLoadException;
  }

  /**
   * The started host, or empty after {@code exit} was called with the failure's exit code (a
   * configuration failure is logged by its message alone: it names the key to fix).
   */
  public static <T> Optional<T> start(Logger log, Supplier<T> start, Predicate<RuntimeException> badConfiguration,
      IntConsumer exit) {
    try {
      return Optional.of(start.get());
    } catch (RuntimeException e) {
      boolean bad = badConfiguration.test(e);
      if (bad) {
        log.error("cannot start: {}", e.getMessage());
      } else {
        log.error("cannot start: {}", e.getMessage(), e);
      }
      exit.accept(bad ? EXIT_BAD_CONFIG : EXIT_FAILED);
      return Optional.empty();
    }
  }

  /** Stops the host on SIGTERM, then prints {@code readyLine}: scripts and tests wait for it. */
  public static void serve(String shutdownThread, Runnable stop, String readyLine) {
    Runtime.getRuntime().addShutdownHook(new Thread(stop, shutdownThread));
    PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    stdout.println(readyLine);
  }
}
