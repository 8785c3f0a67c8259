package dev.graspsync.it.bench.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What fills another JVM's heap: {@code jcmd PID GC.class_histogram} (live objects, after a
 * full GC), saved to a file; the first lines are returned for the log.
 */
public final class HeapHistogram {
  private HeapHistogram() {}

  /** Bytes of live objects, from the histogram's last line ({@code Total <instances> <bytes>}); -1 when absent. */
  public static long totalBytes(Path file) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = all.size() - 1; i >= 0; i--) {
        String[] f = all.get(i).trim().split("\\s+");
        if (f.length == 3 && f[0].equals("Total")) {
          return Long.parseLong(f[2]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  public static List<String> capture(long pid, Path file, int lines) {
    Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Files.createDirectories(file.getParent());
      Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
          .redirectErrorStream(true).redirectOutput(file.toFile()).start();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return List.of("jcmd timed out");
      }
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return all.subList(0, Math.min(all.size(), lines));
    } catch (IOException e) {
      return List.of("jcmd failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of("interrupted");
    }
  }
}
