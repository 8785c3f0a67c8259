package dev.graspsync.it.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run's parameters, from system properties ({@code -Dbench.x=...}, which the Maven profile
 * passes through). Defaults are the sizes; {@link #overridden()} lists what a run
 * changed, so the published figures say so.
 */
public record BenchSettings(
    long seed,
    Set<String> only,
    int b1Repos,
    int b1Relays,
    int b2NewEvents,
    int b2DowntimeSeconds,
    int b3Rate,
    int b3Seconds,
    int b4Repos,
    int b4Urls,
    int b4Roots,
    int b4Servers,
    String hostHeap,
    int hostBlockedMs,
    boolean jfr,
    boolean copier,
    boolean copierNoVerifyToo,
    int timeoutMinutes,
    Path workDir,
    Path doc,
    boolean writeDoc,
    String command,
    Map<String, String> overridden) {

  private static final Map<String, String> DEFAULTS = defaults();
  /** Read by the host under test ({@code BenchHostMain}) for its Vert.x options. */
  public static final String BLOCKED_MS_PROPERTY = "bench.host.blocked-ms";
  static final String BASELINE_HEAP = "1g";

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("bench.seed", "20261121");
    d.put("bench.only", "B1,B2,B3,B4");
    d.put("bench.b1.repos", "100");
    d.put("bench.b1.relays", "4");
    d.put("bench.b2.new-events", "1000");
    d.put("bench.b2.downtime-seconds", "60");
    d.put("bench.b3.rate", "50");
    d.put("bench.b3.seconds", "60");
    d.put("bench.b4.repos", "10000");
    d.put("bench.b4.urls", "500");
    d.put("bench.b4.roots", "200000");
    d.put("bench.b4.servers", "5");
    d.put("bench.host.heap", "256m");
    d.put("bench.host.blocked-ms", "200");
    d.put("bench.jfr", "false");
    d.put("bench.copier", "true");
    d.put("bench.copier.no-verify-too", "true");
    d.put("bench.timeout.minutes", "30");
    d.put("bench.work", "target/bench");
    d.put("bench.doc", "../docs/benchmarks.md");
    d.put("bench.write-doc", "true");
    d.put("bench.command", "mvn -B -q -Pbench -pl integration-tests verify -DskipTests");
    return Map.copyOf(d);
  }

  public static BenchSettings fromSystemProperties() {
    Map<String, String> overridden = new LinkedHashMap<>();
    for (String key : List.of("bench.seed", "bench.only", "bench.b1.repos", "bench.b1.relays", "bench.b2.new-events",
        "bench.b2.downtime-seconds", "bench.b3.rate", "bench.b3.seconds", "bench.b4.repos", "bench.b4.urls", "bench.b4.roots", "bench.b4.servers",
        "bench.host.heap", "bench.host.blocked-ms", "bench.jfr", "bench.copier", "bench.copier.no-verify-too", "bench.timeout.minutes")) {
      String v = System.getProperty(key, "").trim();
      if (!v.isEmpty() && !v.equals(DEFAULTS.get(key))) {
        overridden.put(key, v);
      }
    }
    return new BenchSettings(
        Long.parseLong(get("bench.seed")),
        Set.copyOf(List.of(get("bench.only").toUpperCase().split("\\s*,\\s*"))),
        Integer.parseInt(get("bench.b1.repos")),
        Integer.parseInt(get("bench.b1.relays")),
        Integer.parseInt(get("bench.b2.new-events")),
        Integer.parseInt(get("bench.b2.downtime-seconds")),
        Integer.parseInt(get("bench.b3.rate")),
        Integer.parseInt(get("bench.b3.seconds")),
        Integer.parseInt(get("bench.b4.repos")),
        Integer.parseInt(get("bench.b4.urls")),
        Integer.parseInt(get("bench.b4.roots")),
        Integer.parseInt(get("bench.b4.servers")),
        get("bench.host.heap"),
        Integer.parseInt(get("bench.host.blocked-ms")),
        Boolean.parseBoolean(get("bench.jfr")),
        Boolean.parseBoolean(get("bench.copier")),
        Boolean.parseBoolean(get("bench.copier.no-verify-too")),
        Integer.parseInt(get("bench.timeout.minutes")),
        Path.of(get("bench.work")).toAbsolutePath(),
        Path.of(get("bench.doc")).toAbsolutePath().normalize(),
        Boolean.parseBoolean(get("bench.write-doc")),
        get("bench.command"),
        Map.copyOf(overridden));
  }

  private static String get(String key) {
    String v = System.getProperty(key, "").trim();
    return v.isEmpty() ? DEFAULTS.get(key) : v;
  }

  public boolean runs(String benchmark) {
    return only.contains(benchmark);
  }

  /**
   * The host JVM's options: heap, the event-loop time past which Vert.x warns that a loop is
   * blocked (the host log check counts those warnings), and a flight recording per phase when asked.
   */
  public List<String> hostJvm(String phase) {
    return jvm(phase, hostHeap);
  }

  /**
   * The direct-ingest baseline's JVM options: as the host's, with a heap of {@value
   * #BASELINE_HEAP} whatever the host's, since it parses B1's whole fixture (100,000 events,
   * 128 MiB of JSON) into memory before it times the engine.
   */
  public List<String> baselineJvm(String phase) {
    return jvm(phase, BASELINE_HEAP);
  }

  private List<String> jvm(String phase, String heap) {
    List<String> args = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseG1GC",
        "-D" + BLOCKED_MS_PROPERTY + "=" + hostBlockedMs,
        "-Xlog:gc:file=" + gcLog(phase) + ":time,uptime"));
    if (jfr) {
      args.add("-XX:StartFlightRecording=filename=" + workDir.resolve("host-" + phase + ".jfr")
          + ",settings=profile,dumponexit=true");
    }
    return args;
  }

  /**
   * The host's GC pauses, one line each with the wall-clock time: a blocked-loop warning that
   * every event loop logs at the same moment is a pause of the whole JVM, not one slow task.
   */
  public Path gcLog(String phase) {
    return workDir.resolve("host-" + phase + "-gc.log");
  }

  /** The command as published: the profile's command plus every property this run changed. */
  public String commandLine() {
    StringBuilder s = new StringBuilder(command);
    overridden.forEach((k, v) -> s.append(" -D").append(k).append('=').append(v));
    return s.toString();
  }
}
