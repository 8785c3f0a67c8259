package dev.graspsync.it.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The 1-minute load average from /proc/loadavg ("?" where there is none). */
public final class LoadAverage {
  private LoadAverage() {}

  public static String now() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}
