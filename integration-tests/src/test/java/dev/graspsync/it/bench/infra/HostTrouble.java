package dev.graspsync.it.bench.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What in the host's log a user would call broken: an {@code ERROR} line, an exception's
 * stack trace, an event loop blocked past the bench's threshold (Vert.x's blocked-thread
 * warning), or the heap running out. Counted over the log (or its part written after a given
 * byte, for a host that serves two benchmarks), with the first such line quoted, so a
 * benchmark whose figures look fine still misses when the host was not. The longest block is
 * named by the first grasp-sync frame of the stack Vert.x printed with it.
 */
public record HostTrouble(int errors, int exceptions, int blocked, int outOfMemory, Optional<String> first,
    long longestBlockMs, Optional<String> longestAt, List<Block> blocks) {
  /** One blocked-thread warning: when it was logged, and how long the loop had been blocked then. */
  public record Block(LocalTime at, long ms) {}

  public HostTrouble {
    blocks = List.copyOf(blocks);
  }

  private static final Pattern ERROR = Pattern.compile("^\\S+\\s+ERROR\\s");
  /** A stack trace's first line: {@code java.lang.IllegalStateException: ...} or {@code Caused by: ...}. */
  private static final Pattern EXCEPTION = Pattern.compile("^(Caused by: )?([a-z][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error)(:.*)?$");
  private static final Pattern BLOCKED = Pattern.compile("has been blocked for (\\d+) ms");
  private static final Pattern STAMP = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) ");
  private static final Pattern OWN_FRAME = Pattern.compile("^\\s+at (?:\\S+/)?(dev\\.graspsync\\.[\\w.$<>]+)\\(");
  private static final String OOM = "OutOfMemoryError";
  private static final int QUOTE_AT_MOST = 240;

  public static HostTrouble scan(Path log) {
    return scan(log, 0);
  }

  /** Counts what the log holds from byte {@code from} on (a {@link #size} taken earlier). */
  public static HostTrouble scan(Path log, long from) {
    Counter c = new Counter();
    try (InputStream raw = Files.newInputStream(log)) {
      raw.skipNBytes(Math.min(from, Files.size(log)));
      BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        c.accept(line);
      }
    } catch (IOException | UncheckedIOException e) {
      return new HostTrouble(1, 0, 0, 0, Optional.of("host log unreadable: " + e.getMessage()), 0, Optional.empty(),
          List.of());
    }
    return new HostTrouble(c.errors, c.exceptions, c.blocked, c.oom, c.first, c.longestMs, c.longestAt, c.blocks);
  }

  /** The log's length now, to {@link #scan(Path, long)} only what is written after. */
  public static long size(Path log) {
    try {
      return Files.exists(log) ? Files.size(log) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  public boolean clean() {
    return errors == 0 && exceptions == 0 && blocked == 0 && outOfMemory == 0;
  }

  /**
   * Warnings that would not have fired without the GC pauses inside their blocked span: the
   * loop's own time (the span less the pauses) stayed under {@code limitMs}.
   */
  public int duringGc(GcPauses gc, long limitMs) {
    int n = 0;
    for (Block b : blocks) {
      Duration paused = gc.pausedBetween(b.at().minus(Duration.ofMillis(b.ms())), b.at());
      n += b.ms() - paused.toMillis() < limitMs ? 1 : 0;
    }
    return n;
  }

  /**
   * Warnings the bench's own heap measurement explains: their blocked span overlaps a
   * collection the bench asked for ({@link GcPauses#requested()}), and the loop's time outside
   * such collections stayed under {@code limitMs}, so without the measurement none would have fired.
   */
  public int duringMeasurement(GcPauses gc, long limitMs) {
    return duringGc(gc.requested(), limitMs);
  }

  /** Clean but for blocked-loop warnings the bench's own heap measurement explains. */
  public boolean cleanBesidesMeasurement(GcPauses gc, long limitMs) {
    return errors == 0 && exceptions == 0 && outOfMemory == 0 && blocked == duringMeasurement(gc, limitMs);
  }

  /** For the results table: the counts, the longest block and where it was, then the first line quoted. */
  public String summary() {
    String counts = errors + " ERROR, " + exceptions + " exceptions, " + blocked + " blocked-loop warnings, "
        + outOfMemory + " OOM"
        + (blocked > 0 ? " (longest " + longestBlockMs + " ms" + longestAt.map(f -> ", in `" + f + "`").orElse("") + ")" : "");
    return first.map(l -> counts + "; first: `" + l.replace('`', '\'').replace('|', '/') + "`").orElse(counts);
  }

  private static final class Counter {
    int errors;
    int exceptions;
    int blocked;
    int oom;
    final List<Block> blocks = new ArrayList<>();
    Optional<String> first = Optional.empty();
    long longestMs;
    Optional<String> longestAt = Optional.empty();
    /** The block whose stack is being read, while no grasp-sync frame of it has been seen. */
    boolean naming;

    void accept(String line) {
      boolean error = ERROR.matcher(line).find();
      // a blocked-thread warning's stack trace is counted as the warning, not as an exception
      boolean exception = !error && !line.contains("Thread blocked") && EXCEPTION.matcher(line).matches();
      Matcher slow = BLOCKED.matcher(line);
      boolean isSlow = slow.find();
      errors += error ? 1 : 0;
      exceptions += exception ? 1 : 0;
      oom += line.contains(OOM) ? 1 : 0;
      if (isSlow) {
        blocked++;
        long ms = Long.parseLong(slow.group(1));
        Matcher at = STAMP.matcher(line);
        if (at.find()) {
          blocks.add(new Block(LocalTime.parse(at.group(1)), ms));
        }
        naming = ms > longestMs;
        if (naming) {
          longestMs = ms;
          longestAt = Optional.empty();
        }
      } else if (naming) {
        Matcher own = OWN_FRAME.matcher(line);
        if (own.find()) {
          longestAt = Optional.of(own.group(1));
          naming = false;
        } else if (!line.startsWith("\t") && !line.contains("Thread blocked")) {
          naming = false;
        }
      }
      if (first.isEmpty() && (error || exception || isSlow)) {
        first = Optional.of(line.length() > QUOTE_AT_MOST ? line.substring(0, QUOTE_AT_MOST) + "…" : line);
      }
    }
  }
}
