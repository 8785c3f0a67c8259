package dev.graspsync.it.bench.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What in the host's log a user would call broken: an {@code ERROR} line, an exception's
 * stack trace, an event loop blocked past the bench's threshold (Vert.x's blocked-thread
 * warning), or the heap running out. Counted over the whole log, with the first such line
 * quoted, so a benchmark whose figures look fine still misses when the host was not.
 */
public record HostTrouble(int errors, int exceptions, int blocked, int outOfMemory, Optional<String> first) {
  private static final Pattern ERROR = Pattern.compile("^\\S+\\s+ERROR\\s");
  /** A stack trace's first line: {@code java.lang.IllegalStateException: ...} or {@code Caused by: ...}. */
  private static final Pattern EXCEPTION = Pattern.compile("^(Caused by: )?([a-z][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error)(:.*)?$");
  private static final String BLOCKED = "has been blocked for";
  private static final String OOM = "OutOfMemoryError";
  private static final int QUOTE_AT_MOST = 240;

  public static HostTrouble scan(Path log) {
    int errors = 0;
    int exceptions = 0;
    int blocked = 0;
    int oom = 0;
    Optional<String> first = Optional.empty();
    try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        boolean error = ERROR.matcher(line).find();
        // a blocked-thread warning's stack trace is counted as the warning, not as an exception
        boolean exception = !error && !line.contains("Thread blocked") && EXCEPTION.matcher(line).matches();
        boolean slow = line.contains(BLOCKED);
        errors += error ? 1 : 0;
        exceptions += exception ? 1 : 0;
        blocked += slow ? 1 : 0;
        oom += line.contains(OOM) ? 1 : 0;
        if (first.isEmpty() && (error || exception || slow)) {
          first = Optional.of(line.length() > QUOTE_AT_MOST ? line.substring(0, QUOTE_AT_MOST) + "…" : line);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return new HostTrouble(1, 0, 0, 0, Optional.of("host log unreadable: " + e.getMessage()));
    }
    return new HostTrouble(errors, exceptions, blocked, oom, first);
  }

  public boolean clean() {
    return errors == 0 && exceptions == 0 && blocked == 0 && outOfMemory == 0;
  }

  /** For the results table: the counts, then the first line quoted. */
  public String summary() {
    String counts = errors + " ERROR, " + exceptions + " exceptions, " + blocked + " blocked-loop warnings, "
        + outOfMemory + " OOM";
    return first.map(l -> counts + "; first: `" + l.replace('`', '\'').replace('|', '/') + "`").orElse(counts);
  }
}
