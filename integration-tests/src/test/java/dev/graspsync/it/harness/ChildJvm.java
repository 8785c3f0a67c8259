package dev.graspsync.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a Java main in a JVM of its own, for {@link ChildProcess}: this JVM's
 * {@code java}, a class path (by default this JVM's, the test class path, which holds the
 * reference host, grasp-sync and the benchmarks), and a logback configuration that sends the
 * child's logs to stderr, which ChildProcess appends to the child's log file. Stdout stays free
 * for what the child says to its owner.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** {@code jvmArgs} go before the main class, {@code args} after it. */
  public static List<String> command(List<String> jvmArgs, Path logbackConfig, String classPath, String mainClass,
      List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-Dlogback.configurationFile=" + logbackConfig.toAbsolutePath());
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** This JVM's class path. */
  public static String classPath() {
    return System.getProperty("java.class.path");
  }

  /** This JVM's class path without {@code location} (a jar or class directory) that must come from elsewhere. */
  public static String classPathWithout(Path location) {
    Path excluded = location.toAbsolutePath();
    List<String> entries = new ArrayList<>();
    for (String entry : classPath().split(File.pathSeparator)) {
      if (!entry.isEmpty() && !Path.of(entry).toAbsolutePath().equals(excluded)) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /**
   * A logback configuration in {@code dir} sending everything at {@code level} and above to
   * stderr (Netty and Vert.x from WARN). The test class path's logback-test.xml logs to stdout,
   * which a child keeps for its owner.
   */
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
