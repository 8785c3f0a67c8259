package dev.graspsync.sync.plan;

import static dev.graspsync.sync.fixtures.TestEvents.hex64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LivePackingTest {

  private static Filter idsFilter(int from, int count) {
    return Filter.builder().tag('e', IntStream.range(from, from + count).mapToObj(i -> hex64(i)).toList()).build();
  }

  @Test
  void filtersShareRequestsUpToTheFilterLimit() {
    List<Filter> filters = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      filters.add(idsFilter(i * 10, 2));
    }
    List<List<Filter>> packs = LivePacking.pack(filters, 20, 1_000_000);
    assertThat(packs).extracting(List::size).containsExactly(20, 20, 5);
    assertThat(packs.stream().flatMap(List::stream).toList()).as("nothing lost, order kept").isEqualTo(filters);
  }

  @Test
  void aRequestStaysWithinTheByteLimit() {
    List<Filter> filters = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      filters.add(idsFilter(i * 100, 100)); // about 6.8 KB each
    }
    int size = LivePacking.encodedSize(filters.get(0));
    List<List<Filter>> packs = LivePacking.pack(filters, 100, 3 * size + 10);
    assertThat(packs).extracting(List::size).containsExactly(3, 3, 3, 1);
    for (List<Filter> p : packs) {
      assertThat(p.stream().mapToInt(LivePacking::encodedSize).sum()).isLessThanOrEqualTo(3 * size + 10);
    }
  }

  @Test
  void aFilterLargerThanTheByteLimitStillGetsItsOwnRequest() {
    List<List<Filter>> packs = LivePacking.pack(List.of(idsFilter(0, 100), idsFilter(200, 1)), 20, 100);
    assertThat(packs).extracting(List::size).containsExactly(1, 1);
  }

  @Test
  void indexesNameTheSameGroups() {
    List<Filter> filters = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      filters.add(idsFilter(i * 10, 2));
    }
    assertThat(LivePacking.packIndexes(filters, 3, 1_000_000))
        .containsExactly(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6));
    assertThat(LivePacking.encodedSize(filters)).isEqualTo(filters.stream().mapToInt(LivePacking::encodedSize).sum());
  }

  @Test
  void noFiltersNoRequests() {
    assertThat(LivePacking.pack(List.of(), 20, 1000)).isEmpty();
  }
}
