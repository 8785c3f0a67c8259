package dev.graspsync.sync.plan;

import static dev.graspsync.sync.fixtures.TestEvents.hex64;
import static dev.graspsync.sync.fixtures.TestEvents.pubkey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sync.index.RepoRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterPlanTest {

  private static List<RepoRef> repos(int n) {
    List<RepoRef> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new RepoRef(pubkey(i), "repo-" + i));
    }
    return out;
  }

  private static List<String> ids(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(hex64(1000 + i));
    }
    return out;
  }

  private static List<LabelledFilter> of(Layer layer, List<LabelledFilter> filters) {
    return filters.stream().filter(f -> f.layer() == layer).toList();
  }

  @Test
  void announcementsLayerIsKinds30617And10317WithoutTags() {
    List<LabelledFilter> fs = FilterPlan.forItems(ItemSet.of(true, Set.of(), Set.of()), 100);
    assertThat(fs).hasSize(1);
    Filter f = fs.get(0).filter();
    assertThat(fs.get(0).layer()).isEqualTo(Layer.ANNOUNCEMENTS);
    assertThat(f.kinds()).contains(Set.of(30617, 10317));
    assertThat(f.tags()).isEmpty();
    assertThat(f.ids()).isEmpty();
    assertThat(f.authors()).isEmpty();
    assertThat(f.since()).isEmpty();
    assertThat(f.limit()).isEmpty();
  }

  @Test
  void aRepositoryGetsItsStateAndTheThreeTagFilters() {
    RepoRef ref = new RepoRef(pubkey(1), "repo");
    List<LabelledFilter> fs = FilterPlan.forItems(ItemSet.of(false, Set.of(ref), Set.of()), 100);
    assertThat(fs).extracting(LabelledFilter::layer).containsExactly(Layer.STATE, Layer.REPO, Layer.REPO, Layer.REPO);
    Filter state = fs.get(0).filter();
    assertThat(state.kinds()).as("members' announcements come with the states").contains(Set.of(30617, 30618));
    assertThat(state.tags()).containsOnlyKeys('d');
    assertThat(state.tags().get('d')).containsExactly("repo");
    assertThat(state.authors()).isEmpty();
    assertThat(fs.subList(1, 4)).extracting(f -> f.filter().tags().keySet())
        .containsExactly(Set.of('a'), Set.of('A'), Set.of('q'));
    for (LabelledFilter f : fs.subList(1, 4)) {
      assertThat(f.filter().tags().values().iterator().next()).containsExactly(ref.format());
      assertThat(f.filter().kinds()).isEmpty();
    }
  }

  @Test
  void aRootEventGetsTheThreeTagFilters() {
    String id = hex64(77);
    List<LabelledFilter> fs = FilterPlan.forItems(ItemSet.of(false, Set.of(), Set.of(id)), 100);
    assertThat(fs).extracting(LabelledFilter::layer).containsOnly(Layer.ROOT).hasSize(3);
    assertThat(fs).extracting(f -> f.filter().tags().keySet()).containsExactly(Set.of('e'), Set.of('E'), Set.of('q'));
    assertThat(fs).allSatisfy(f -> assertThat(f.filter().tags().values().iterator().next()).containsExactly(id));
  }

  @Test
  void valuesAreChunkedAtTheChunkSize() {
    ItemSet items = ItemSet.of(true, repos(250), ids(101));
    List<LabelledFilter> fs = FilterPlan.forItems(items, 100);
    assertThat(of(Layer.ANNOUNCEMENTS, fs)).hasSize(1);
    assertThat(of(Layer.STATE, fs)).hasSize(3);
    assertThat(of(Layer.REPO, fs)).hasSize(9);
    assertThat(of(Layer.ROOT, fs)).hasSize(6);
    for (LabelledFilter f : fs) {
      for (Set<String> values : f.filter().tags().values()) {
        assertThat(values.size()).isBetween(1, 100);
      }
    }
    Set<String> allRefs = new HashSet<>();
    of(Layer.REPO, fs).stream().filter(f -> f.filter().tags().containsKey('a'))
        .forEach(f -> allRefs.addAll(f.filter().tags().get('a')));
    assertThat(allRefs).hasSize(250);
    assertThat(FilterPlan.count(items, 100)).isEqualTo(fs.size()).isEqualTo(19);
  }

  @Test
  void stateFiltersShareIdentifiersAcrossOwners() {
    ItemSet items = ItemSet.of(false, Set.of(new RepoRef(pubkey(1), "same"), new RepoRef(pubkey(2), "same")), Set.of());
    List<LabelledFilter> state = of(Layer.STATE, FilterPlan.forItems(items, 100));
    assertThat(state).hasSize(1);
    assertThat(state.get(0).filter().tags().get('d')).containsExactly("same");
    assertThat(FilterPlan.count(items, 100)).isEqualTo(4);
  }

  @Test
  void sinceGoesOnEveryFilter() {
    ItemSet items = ItemSet.of(true, repos(3), ids(3));
    List<LabelledFilter> fs = FilterPlan.forItems(items, 100, OptionalLong.of(1_700_000_000L));
    assertThat(fs).allSatisfy(f -> assertThat(f.filter().since()).hasValue(1_700_000_000L));
  }

  @Test
  void sameItemsGiveTheSameFilters() {
    ItemSet a = ItemSet.of(true, repos(150), ids(150));
    List<RepoRef> reversed = new ArrayList<>(repos(150));
    java.util.Collections.reverse(reversed);
    ItemSet b = ItemSet.of(true, reversed, ids(150));
    assertThat(FilterPlan.forItems(a, 100)).isEqualTo(FilterPlan.forItems(b, 100));
  }

  @Test
  void emptyItemsNeedNoFilterAndChunkSizeMustBePositive() {
    assertThat(FilterPlan.forItems(ItemSet.EMPTY, 100)).isEmpty();
    assertThat(FilterPlan.count(ItemSet.EMPTY, 100)).isZero();
    assertThatThrownBy(() -> FilterPlan.forItems(ItemSet.EMPTY, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
