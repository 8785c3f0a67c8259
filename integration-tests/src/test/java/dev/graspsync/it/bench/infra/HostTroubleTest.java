package dev.graspsync.it.bench.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostTroubleTest {
  @TempDir
  Path dir;

  @Test
  void aQuietLogIsClean() throws IOException {
    HostTrouble t = HostTrouble.scan(log(
        "05:46:51.032 INFO  [vert.x-eventloop-thread-3] d.graspsync.sync.engine.RelayBatches - ws://x: full sync",
        "05:46:52.000 WARN  [vert.x-eventloop-thread-1] d.graspsync.sync.engine.SyncCoordinator - 3 relays over max-relays"));
    assertThat(t.clean()).isTrue();
    assertThat(t.summary()).isEqualTo("0 ERROR, 0 exceptions, 0 blocked-loop warnings, 0 OOM");
  }

  @Test
  void errorsExceptionsBlockedLoopsAndOomAreCountedAndTheFirstIsQuoted() throws IOException {
    HostTrouble t = HostTrouble.scan(log(
        "05:46:50.917 WARN  [vertx-blocked-thread-checker] i.v.core.impl.BlockedThreadChecker - Thread vert.x-eventloop-thread-1 has been blocked for 3029 ms, time limit is 200 ms",
        "io.vertx.core.VertxException: Thread blocked",
        "\tat java.base/java.util.HashMap.put(HashMap.java:610)",
        "05:46:55.038 ERROR [vert.x-eventloop-thread-1] io.vertx.core.impl.ContextImpl - Unhandled exception",
        "java.lang.NullPointerException: Cannot invoke \"io.vertx.core.Context.runOnContext(io.vertx.core.Handler)\"",
        "\tat dev.graspsync.sync.engine.RelayWorker.tell(RelayWorker.java:84)",
        "Caused by: java.lang.OutOfMemoryError: Java heap space"));
    assertThat(t.clean()).isFalse();
    assertThat(t.blocked()).isEqualTo(1);
    assertThat(t.errors()).isEqualTo(1);
    assertThat(t.exceptions()).isEqualTo(2);
    assertThat(t.outOfMemory()).isEqualTo(1);
    assertThat(t.first()).hasValueSatisfying(l -> assertThat(l).contains("has been blocked for 3029 ms"));
  }

  @Test
  void theLongestBlockIsNamedByItsFirstGraspSyncFrame() throws IOException {
    HostTrouble t = HostTrouble.scan(log(
        "07:54:45.763 WARN  [vertx-blocked-thread-checker] i.v.core.impl.BlockedThreadChecker - Thread vert.x-eventloop-thread-1 has been blocked for 223 ms, time limit is 200 ms",
        "io.vertx.core.VertxException: Thread blocked",
        "\tat app//dev.graspsync.sync.plan.ItemSet.minus(ItemSet.java:90)",
        "07:54:45.851 WARN  [vertx-blocked-thread-checker] i.v.core.impl.BlockedThreadChecker - Thread vert.x-eventloop-thread-1 has been blocked for 329 ms, time limit is 200 ms",
        "io.vertx.core.VertxException: Thread blocked",
        "\tat java.base@17.0.15/java.util.Collection.stream(Collection.java:743)",
        "\tat app//dev.graspsync.sync.engine.SyncMetrics$RelayGauges.<init>(SyncMetrics.java:286)",
        "\tat app//dev.graspsync.sync.engine.SyncMetrics.relay(SyncMetrics.java:126)",
        "07:54:46.000 WARN  [vertx-blocked-thread-checker] i.v.core.impl.BlockedThreadChecker - Thread vert.x-eventloop-thread-2 has been blocked for 250 ms, time limit is 200 ms",
        "io.vertx.core.VertxException: Thread blocked",
        "\tat java.base@17.0.15/sun.nio.ch.EPoll.wait(Native Method)"));
    assertThat(t.blocked()).isEqualTo(3);
    assertThat(t.exceptions()).isZero();
    assertThat(t.longestBlockMs()).isEqualTo(329);
    assertThat(t.longestAt()).hasValue("dev.graspsync.sync.engine.SyncMetrics$RelayGauges.<init>");
    assertThat(t.summary()).startsWith("0 ERROR, 0 exceptions, 3 blocked-loop warnings, 0 OOM (longest 329 ms, in `"
        + "dev.graspsync.sync.engine.SyncMetrics$RelayGauges.<init>`)");
  }

  @Test
  void aWarningIsPutDownToGcWhenTheLoopsOwnTimeLessThePausesStayedUnderTheLimit() throws IOException {
    HostTrouble t = HostTrouble.scan(log(
        "08:49:50.200 WARN  [vertx-blocked-thread-checker] i.v.core.impl.BlockedThreadChecker - Thread vert.x-eventloop-thread-1 has been blocked for 250 ms, time limit is 200 ms",
        "08:49:59.000 WARN  [vertx-blocked-thread-checker] i.v.core.impl.BlockedThreadChecker - Thread vert.x-eventloop-thread-2 has been blocked for 400 ms, time limit is 200 ms"));
    GcPauses gc = GcPauses.parse(List.of(
        "[2026-12-02T08:49:50.174+0000][165.225s] GC(626) Pause Full (G1 Compaction Pause) 253M->245M(256M) 136.935ms",
        "[2026-12-02T08:49:58.900+0000][174.000s] GC(700) Pause Young (Normal) (G1 Evacuation Pause) 200M->150M(256M) 100.000ms"));
    // the first: 250 ms less 136 ms paused; the second: 400 ms less 100 ms is still 300 ms of its own
    assertThat(t.duringGc(gc, 200)).isEqualTo(1);
    assertThat(t.duringGc(new GcPauses(List.of()), 200)).isZero();
  }

  /** B4's host, 2026-12-02: the bench's half-way class histogram forced a full GC at 09:56:18. */
  private static final GcPauses B4_GC = GcPauses.parse(List.of(
      "[2026-12-02T09:55:52.613+0000][25.294s] GC(68) Pause Young (Normal) (G1 Evacuation Pause) 204M->163M(256M) 26.528ms",
      "[2026-12-02T09:55:52.644+0000][25.325s] GC(65) Pause Remark 170M->162M(256M) 7.987ms",
      "[2026-12-02T09:55:53.098+0000][25.780s] GC(69) Pause Young (Normal) (G1 Evacuation Pause) 198M->162M(256M) 80.089ms",
      "[2026-12-02T09:56:17.869+0000][50.551s] GC(201) Pause Young (Normal) (G1 Evacuation Pause) 205M->115M(256M) 8.478ms",
      "[2026-12-02T09:56:18.089+0000][50.770s] GC(202) Pause Full (Heap Inspection Initiated GC) 129M->89M(256M) 176.301ms"));

  @Test
  void aWarningInsideTheBenchsHeapInspectionIsItsOwnAndDoesNotSpoilTheHost() throws IOException {
    HostTrouble t = HostTrouble.scan(log(
        blockedAt("09:56:18.159", 228),
        "io.vertx.core.VertxException: Thread blocked",
        "\tat app//dev.graspsync.sync.plan.ItemSet.difference(ItemSet.java:138)",
        blockedAt("09:56:18.230", 228)));
    assertThat(t.blocked()).isEqualTo(2);
    assertThat(t.clean()).isFalse();
    assertThat(t.duringMeasurement(B4_GC, 200)).isEqualTo(2);
    assertThat(t.cleanBesidesMeasurement(B4_GC, 200)).isTrue();
  }

  @Test
  void aWarningInsideAYoungPauseStillSpoilsTheHost() throws IOException {
    HostTrouble young = HostTrouble.scan(log(blockedAt("09:55:53.229", 260)));
    assertThat(young.duringGc(B4_GC, 200)).isEqualTo(1);
    assertNotTheBenchsOwn(young);
  }

  @Test
  void aWarningWithNoPauseStillSpoilsTheHost() throws IOException {
    assertNotTheBenchsOwn(HostTrouble.scan(log(blockedAt("09:56:30.000", 224))));
  }

  @Test
  void aLoopBlockedLongOutsideTheBenchsCollectionIsNotExcusedByIt() throws IOException {
    // 900 ms blocked, of which the heap inspection's 176 ms: 724 ms were the loop's own
    assertNotTheBenchsOwn(HostTrouble.scan(log(blockedAt("09:56:18.500", 900))));
  }

  @Test
  void anErrorSpoilsTheHostWhateverTheBenchsCollectionsExplain() throws IOException {
    HostTrouble t = HostTrouble.scan(log(blockedAt("09:56:18.159", 228),
        "09:56:19.000 ERROR [vert.x-eventloop-thread-1] io.vertx.core.impl.ContextImpl - Unhandled exception"));
    assertThat(t.duringMeasurement(B4_GC, 200)).isEqualTo(1);
    assertThat(t.cleanBesidesMeasurement(B4_GC, 200)).isFalse();
  }

  private static void assertNotTheBenchsOwn(HostTrouble t) {
    assertThat(t.blocked()).isEqualTo(1);
    assertThat(t.duringMeasurement(B4_GC, 200)).isZero();
    assertThat(t.cleanBesidesMeasurement(B4_GC, 200)).isFalse();
  }

  /** Vert.x's blocked-thread warning, as the bench host logs it. */
  private static String blockedAt(String time, int ms) {
    return time + " WARN  [vertx-blocked-thread-checker] i.v.core.impl.BlockedThreadChecker - Thread "
        + "vert.x-eventloop-thread-1 has been blocked for " + ms + " ms, time limit is 200 ms";
  }

  @Test
  void onlyWhatWasWrittenAfterAGivenSizeIsCounted() throws IOException {
    Path file = log("05:46:55.038 ERROR [vert.x-eventloop-thread-1] d.g.sync.engine.RelayWorker - first benchmark's");
    long size = HostTrouble.size(file);
    Files.write(file, List.of("05:47:00.000 INFO  [main] d.g.sync.engine.SyncEngine - second benchmark's"),
        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    assertThat(HostTrouble.scan(file).errors()).isEqualTo(1);
    assertThat(HostTrouble.scan(file, size).clean()).isTrue();
    assertThat(HostTrouble.size(dir.resolve("absent.log"))).isZero();
  }

  private Path log(String... lines) throws IOException {
    Path file = dir.resolve("host.log");
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }
}
