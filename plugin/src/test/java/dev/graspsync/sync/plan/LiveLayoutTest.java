package dev.graspsync.sync.plan;

import static dev.graspsync.sync.fixtures.TestEvents.hex64;
import static dev.graspsync.sync.fixtures.TestEvents.pubkey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sync.index.RepoRef;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LiveLayoutTest {

  private static ItemSet items(int repos, int roots) {
    List<RepoRef> r = new ArrayList<>();
    for (int i = 0; i < repos; i++) {
      r.add(new RepoRef(pubkey(i % 50), "r" + i));
    }
    List<String> e = new ArrayList<>();
    for (int i = 0; i < roots; i++) {
      e.add(hex64(10_000 + i));
    }
    return ItemSet.of(true, r, e);
  }

  @Test
  void theBusiestBenchmarkRelayFitsInItsBudgetWhenTheRelayTakesLargeRequests() {
    // B4's busiest URL: 2,733 repositories and about 54,000 root events
    ItemSet busiest = items(2733, 54_000);
    LiveBudget reference = LiveBudget.of(70, OptionalInt.of(100), OptionalInt.of(100), 20, OptionalInt.of(524_288), 4);
    LiveLayout layout = LiveLayout.of(busiest, 100, 1_700_000_000L, reference, reference.liveSubscriptions());
    assertThat(layout.overflow()).isEmpty();
    assertThat(layout.subscriptions().size()).isLessThanOrEqualTo(reference.liveSubscriptions());
    assertThat(layout.filterCount()).isEqualTo(FilterPlan.count(busiest, 100));
    assertThat(layout.subscriptions()).allSatisfy(p -> assertThat(p).allSatisfy(
        f -> assertThat(f.since()).hasValue(1_700_000_000L)));
  }

  @Test
  void whatDoesNotFitIsOverflowAndNothingIsLost() {
    ItemSet many = items(100, 3000); // 1 + 1 + 3 + 90 filters
    LiveBudget small = new LiveBudget(6, 1, 10, 1_000_000);
    LiveLayout layout = LiveLayout.of(many, 100, 5, small, small.liveSubscriptions());
    assertThat(layout.subscriptions()).hasSize(5);
    assertThat(layout.filterCount()).isEqualTo(50);
    assertThat(layout.overflow()).hasSize(FilterPlan.count(many, 100) - 50);
    List<Filter> all = new ArrayList<>();
    layout.subscriptions().forEach(all::addAll);
    all.addAll(layout.overflow());
    assertThat(all).doesNotHaveDuplicates().hasSize(FilterPlan.count(many, 100));
  }
}
