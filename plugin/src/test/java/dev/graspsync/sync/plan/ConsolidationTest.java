package dev.graspsync.sync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsolidationTest {

  @Test
  void newSubscriptionsOpenWhileTheyFitTheLiveBudget() {
    assertThat(Consolidation.onAdding(60, 6, 66)).isEqualTo(Consolidation.Step.OPEN);
    assertThat(Consolidation.onAdding(0, 66, 66)).isEqualTo(Consolidation.Step.OPEN);
  }

  @Test
  void oneSubscriptionPastTheBudgetConsolidatesInstead() {
    assertThat(Consolidation.onAdding(60, 7, 66)).isEqualTo(Consolidation.Step.CONSOLIDATE);
    assertThat(Consolidation.onAdding(66, 1, 66)).isEqualTo(Consolidation.Step.CONSOLIDATE);
  }

  @Test
  void aLoweredBudgetIsPassedByWhatIsAlreadyOpen() {
    assertThat(Consolidation.overBudget(30, 29)).isTrue();
    assertThat(Consolidation.overBudget(29, 29)).isFalse();
  }
}
