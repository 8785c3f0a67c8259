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
 * ended (the host log's clock: same machine, same zone). A pause someone asked for (its cause
 * {@code System.gc()}, or {@code Heap Inspection Initiated GC} from {@code jcmd
 * GC.class_histogram}) is the bench measuring the heap: neither grasp-sync nor the hosts call
 * {@code System.gc()}, the bench host's {@code gc} command and {@code HeapHistogram} do.
 */
public record GcPauses(List<Pause> pauses) {
  private static final Pattern PAUSE = Pattern.compile(
      "^\\[\\d{4}-\\d\\d-\\d\\dT(\\d\\d:\\d\\d:\\d\\d\\.\\d+)[^\\]]*\\]\\[[^\\]]*\\] GC\\(\\d+\\) Pause (.*?)(?: \\S+->\\S+)? (\\d+\\.\\d+)ms$");
  private static final List<String> REQUESTED = List.of("(System.gc())", "(Heap Inspection Initiated GC)");

  /** {@code kind}: what the log says between "Pause" and the heap sizes, e.g. {@code Full (System.gc())}. */
  public record Pause(LocalTime end, Duration length, String kind) {
    LocalTime start() {
      return end.minus(length);
    }

    /** Asked for (the bench measuring the heap), not brought on by the heap filling. */
    public boolean requested() {
      return REQUESTED.stream().anyMatch(kind::endsWith);
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
            Duration.ofNanos(Math.round(Double.parseDouble(m.group(3)) * 1_000_000)), m.group(2)));
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

  /** Only the collections the bench asked for. */
  public GcPauses requested() {
    return new GcPauses(pauses.stream().filter(Pause::requested).toList());
  }

  public Duration longest() {
    return pauses.stream().map(Pause::length).max(Duration::compareTo).orElse(Duration.ZERO);
  }
}
