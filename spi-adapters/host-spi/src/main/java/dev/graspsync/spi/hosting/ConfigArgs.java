package dev.graspsync.spi.hosting;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** A host process's command line: {@code [--config FILE]} or {@code [--config=FILE]}, nothing else. */
public final class ConfigArgs {
  private ConfigArgs() {}

  /** The configuration file named, if any; anything else is {@code error} of a message ending in {@code usage}. */
  public static Optional<Path> configFile(String usage, Function<String, ? extends RuntimeException> error,
      String... args) {
    Optional<Path> config = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--config") && i + 1 < args.length && config.isEmpty()) {
        config = Optional.of(Path.of(args[++i]));
      } else if (arg.startsWith("--config=") && config.isEmpty()) {
        config = Optional.of(Path.of(arg.substring("--config=".length())));
      } else {
        throw error.apply("unexpected argument '" + arg + "'; " + usage);
      }
    }
    return config;
  }
}
