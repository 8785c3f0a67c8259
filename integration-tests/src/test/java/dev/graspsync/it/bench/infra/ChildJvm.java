package dev.graspsync.it.bench.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Starts Java processes on this JVM's class path (the integration tests' test class path, which
 * holds the reference host, grasp-sync and this benchmark), logging to a file, with stdout
 * piped back. Every child still alive when this JVM exits is killed.
 */
public final class ChildJvm {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(p -> p.destroyForcibly()), "bench-child-reaper"));
  }

  private ChildJvm() {}

  /** {@code jvmArgs} go before the main class; stderr is appended to {@code log}. */
  public static Process start(List<String> jvmArgs, String mainClass, List<String> args, Path log, Path logbackConfig) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-Dlogback.configurationFile=" + logbackConfig.toAbsolutePath());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    try {
      Files.createDirectories(log.getParent());
      Process p = new ProcessBuilder(command)
          .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      LIVE.add(p);
      p.onExit().thenRun(() -> LIVE.remove(p));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + mainClass, e);
    }
  }

  /** SIGTERM, then SIGKILL after {@code graceSeconds}. */
  public static void stop(Process p, int graceSeconds) {
    if (!p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(graceSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
  }

  /** A logback configuration sending everything at {@code level} and above to stderr. */
  public static Path logbackConfig(Path dir, String level) {
    Path file = dir.resolve("logback-" + level.toLowerCase() + ".xml");
    String xml = "<configuration>\n"
        + "  <appender name=\"ERR\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
        + "    <target>System.err</target>\n"
        + "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>\n"
        + "  </appender>\n"
        + "  <root level=\"" + level + "\"><appender-ref ref=\"ERR\"/></root>\n"
        + "  <logger name=\"io.netty\" level=\"WARN\"/>\n"
        + "  <logger name=\"io.vertx\" level=\"WARN\"/>\n"
        + "</configuration>\n";
    try {
      Files.createDirectories(dir);
      Files.writeString(file, xml, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
