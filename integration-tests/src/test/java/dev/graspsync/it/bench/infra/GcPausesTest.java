package dev.graspsync.it.bench.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcPausesTest {
  private static final GcPauses GC = GcPauses.parse(List.of(
      "[2026-12-02T08:47:04.954+0000][0.005s] Using G1",
      "[2026-12-02T08:47:06.275+0000][1.327s] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 15M->5M(256M) 29.561ms",
      "[2026-12-02T08:49:50.174+0000][165.225s] GC(626) Pause Full (G1 Compaction Pause) 253M->245M(256M) 136.935ms",
      "[2026-12-02T08:50:12.272+0000][187.323s] GC(948) Concurrent Mark Cycle 303.945ms"));

  @Test
  void pausesAreReadWithTheirEndAndLengthAndConcurrentPhasesAreNot() {
    assertThat(GC.pauses()).hasSize(2);
    assertThat(GC.pauses().get(1).end()).isEqualTo(LocalTime.parse("08:49:50.174"));
    assertThat(GC.longest()).isEqualTo(Duration.ofNanos(136_935_000));
  }

  @Test
  void onlyTheCollectionsTheBenchAskedForAreRequested() {
    GcPauses b4 = GcPauses.parse(List.of(
        "[2026-12-02T09:56:17.869+0000][50.551s] GC(201) Pause Young (Normal) (G1 Evacuation Pause) 205M->115M(256M) 8.478ms",
        "[2026-12-02T09:56:18.089+0000][50.770s] GC(202) Pause Full (Heap Inspection Initiated GC) 129M->89M(256M) 176.301ms",
        "[2026-12-02T09:56:18.219+0000][50.900s] GC(203) Pause Young (Concurrent Start) (G1 Humongous Allocation) 94M->90M(256M) 2.780ms",
        "[2026-12-02T09:55:52.644+0000][25.325s] GC(65) Pause Remark 170M->162M(256M) 7.987ms",
        "[2026-12-02T09:57:35.683+0000][128.365s] GC(483) Pause Full (System.gc()) 187M->136M(256M) 238.847ms"));
    assertThat(b4.pauses()).extracting(GcPauses.Pause::kind).containsExactly("Young (Normal) (G1 Evacuation Pause)",
        "Full (Heap Inspection Initiated GC)", "Young (Concurrent Start) (G1 Humongous Allocation)", "Remark",
        "Full (System.gc())");
    assertThat(b4.requested().pauses()).extracting(GcPauses.Pause::end)
        .containsExactly(LocalTime.parse("09:56:18.089"), LocalTime.parse("09:57:35.683"));
    assertThat(b4.requested().longest().toMillis()).isEqualTo(238);
    assertThat(GC.requested().pauses()).isEmpty();
  }

  @Test
  void onlyThePartOfAPauseInsideTheSpanCounts() {
    // the full GC ran from 08:49:50.037065 to 08:49:50.174 (whole milliseconds, rounded down)
    assertThat(GC.pausedBetween(LocalTime.parse("08:49:49.900"), LocalTime.parse("08:49:50.100")).toMillis())
        .isEqualTo(62);
    assertThat(GC.pausedBetween(LocalTime.parse("08:49:49.000"), LocalTime.parse("08:49:51.000")).toMillis())
        .isEqualTo(136);
    assertThat(GC.pausedBetween(LocalTime.parse("08:48:00.000"), LocalTime.parse("08:49:00.000"))).isZero();
  }
}
