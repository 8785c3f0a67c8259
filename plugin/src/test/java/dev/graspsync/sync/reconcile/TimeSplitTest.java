package dev.graspsync.sync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.filter.Filter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSplitTest {

  @Test
  void halvesCoverTheRangeOnceBothEndsInclusive() {
    Filter f = Filter.builder().kinds(1621).since(100).until(201).build();

    List<Filter> halves = TimeSplit.halves(f, 10_000).orElseThrow();

    assertThat(halves.get(0).since()).hasValue(100);
    assertThat(halves.get(0).until()).hasValue(150);
    assertThat(halves.get(1).since()).hasValue(151);
    assertThat(halves.get(1).until()).hasValue(201);
    assertThat(halves.get(1).kinds()).isEqualTo(f.kinds());
  }

  @Test
  void anOpenFilterRunsFromZeroToNow() {
    List<Filter> halves = TimeSplit.halves(Filter.builder().kinds(1).build(), 1000).orElseThrow();

    assertThat(halves.get(0).since()).hasValue(0);
    assertThat(halves.get(0).until()).hasValue(500);
    assertThat(halves.get(1).since()).hasValue(501);
    assertThat(halves.get(1).until()).hasValue(1000);
  }

  @Test
  void twoSecondsSplitIntoOneEachAndOneSecondDoesNotSplit() {
    List<Filter> halves = TimeSplit.halves(Filter.builder().since(7).until(8).build(), 99).orElseThrow();
    assertThat(halves.get(0).until()).hasValue(7);
    assertThat(halves.get(1).since()).hasValue(8);

    assertThat(TimeSplit.halves(Filter.builder().since(7).until(7).build(), 99)).isEmpty();
    assertThat(TimeSplit.halves(Filter.builder().since(9).until(7).build(), 99)).isEmpty();
  }
}
