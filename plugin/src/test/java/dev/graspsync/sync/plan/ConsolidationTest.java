package dev.graspsync.sync.plan;

import static dev.graspsync.sync.fixtures.TestEvents.hex64;
import static dev.graspsync.sync.fixtures.TestEvents.pubkey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.index.RepoRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ConsolidationTest {

  @Test
  void neededWhenTheThresholdWouldBePassed() {
    assertThat(Consolidation.needed(60, 10, 70, OptionalInt.empty())).isFalse();
    assertThat(Consolidation.needed(60, 11, 70, OptionalInt.empty())).isTrue();
  }

  @Test
  void theRelaysOwnLimitWinsWhenLower() {
    assertThat(Consolidation.needed(15, 6, 70, OptionalInt.of(20))).isTrue();
    assertThat(Consolidation.needed(15, 5, 70, OptionalInt.of(20))).isFalse();
    assertThat(Consolidation.needed(60, 5, 70, OptionalInt.of(500))).isFalse();
  }

  @Test
  void decideWaitsForPendingBatchesThenConsolidates() {
    assertThat(Consolidation.decide(60, 8, 0, 10, 70, OptionalInt.empty())).isEqualTo(Consolidation.Decision.PROCEED);
    assertThat(Consolidation.decide(68, 8, 2, 10, 70, OptionalInt.empty()))
        .isEqualTo(Consolidation.Decision.WAIT_FOR_PENDING);
    assertThat(Consolidation.decide(68, 8, 0, 10, 70, OptionalInt.empty()))
        .isEqualTo(Consolidation.Decision.CONSOLIDATE_FIRST);
  }

  @Test
  void noChurnWhenConsolidationCannotReduce() {
    assertThat(Consolidation.decide(90, 8, 0, 90, 70, OptionalInt.empty())).isEqualTo(Consolidation.Decision.PROCEED);
  }

  @Test
  void planUsesTheFewestFiltersWithSinceFifteenMinutesAgo() {
    List<RepoRef> repos = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      repos.add(new RepoRef(pubkey(i), "r" + i));
    }
    List<String> roots = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      roots.add(hex64(900 + i));
    }
    ItemSet confirmed = ItemSet.of(true, repos, roots);
    // as thirty one-repository batches plus roots in tens, this was 1 + 30*4 + 15*3 filters
    Instant now = Instant.parse("2025-01-01T12:00:00Z");
    List<LabelledFilter> plan = Consolidation.plan(confirmed, 100, now, Duration.ofMinutes(15));
    assertThat(plan).hasSize(1 + 1 + 3 + 6);
    long since = now.minusSeconds(900).getEpochSecond();
    assertThat(plan).allSatisfy(f -> assertThat(f.filter().since()).hasValue(since));
    assertThat(FilterPlan.count(confirmed, 100)).isEqualTo(plan.size());
  }
}
