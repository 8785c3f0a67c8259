package dev.graspsync.it.bench.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host's stop-the-world GC pauses, from its {@code -Xlog:gc:...:time,uptime} file: a pause
 * stops every event loop at once, and Vert.x then reports each loop blocked for as long, with
 * whatever stack it happened to be in. Lines are stamped with the wall-clock time the pause
 * ended (the host log's clock: same machine, same zone).
 */
public record GcPauses(List<Pause> pauses) {
  private static final Pattern PAUSE = Pattern.compile(
      "^\\[\\d{4}-\\d\\d-\\d\\dT(\\d\\d:\\d\\d:\\d\\d\\.\\d+)[^\\]]*\\]\\[[^\\]]*\\] GC\\(\\d+\\) Pause .* (\\d+\\.\\d+)ms$");

  public record Pause(LocalTime end, Duration length) {
    LocalTime start() {
      return end.minus(length);
    }
  }

  public GcPauses {
    pauses = List.copyOf(pauses);
  }

  /** No file (a JVM that logged none): no pauses. */
  public static GcPauses read(Path gcLog) {
    if (!Files.exists(gcLog)) {
      return new GcPauses(List.of());
    }
    try {
      return parse(Files.readAllLines(gcLog, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new GcPauses(List.of());
    }
  }

  public static GcPauses parse(List<String> lines) {
    List<Pause> out = new ArrayList<>();
    for (String line : lines) {
      Matcher m = PAUSE.matcher(line);
      if (m.matches()) {
        out.add(new Pause(LocalTime.parse(m.group(1)),
            Duration.ofNanos(Math.round(Double.parseDouble(m.group(2)) * 1_000_000))));
      }
    }
    return new GcPauses(out);
  }

  /** How much of {@code from}..{@code to} the JVM spent paused (runs that cross midnight are not handled). */
  public Duration pausedBetween(LocalTime from, LocalTime to) {
    Duration paused = Duration.ZERO;
    for (Pause p : pauses) {
      LocalTime start = p.start().isAfter(from) ? p.start() : from;
      LocalTime end = p.end().isBefore(to) ? p.end() : to;
      if (end.isAfter(start)) {
        paused = paused.plus(Duration.between(start, end));
      }
    }
    return paused;
  }

  public Duration longest() {
    return pauses.stream().map(Pause::length).max(Duration::compareTo).orElse(Duration.ZERO);
  }
}
