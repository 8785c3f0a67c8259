package dev.graspsync.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.filter.Filter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryPlannerTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);

  @Test
  void idsWinOverEverything() {
    QueryPlan plan = QueryPlanner.plan(Filter.builder().ids(List.of(A)).authors(List.of(B)).tag('e', List.of(A)).build());
    assertThat(plan).isInstanceOf(QueryPlan.IdLookup.class);
  }

  @Test
  void tagWithFewestValuesBeatsAuthors() {
    QueryPlan plan =
        QueryPlanner.plan(
            Filter.builder()
                .authors(List.of(A))
                .tag('p', List.of(A, B))
                .tag('e', List.of(B))
                .build());
    assertThat(plan).isInstanceOf(QueryPlan.IndexWalk.class);
    QueryPlan.IndexWalk walk = (QueryPlan.IndexWalk) plan;
    assertThat(walk.column()).isEqualTo(Column.BY_TAG);
    assertThat(walk.tagLetter()).isEqualTo(Optional.of('e'));
    assertThat(walk.prefixes()).hasSize(1);
  }

  @Test
  void authorsAndKindsUseTheCombinedIndex() {
    QueryPlan plan = QueryPlanner.plan(Filter.builder().authors(List.of(A, B)).kinds(1, 7).build());
    assertThat(((QueryPlan.IndexWalk) plan).column()).isEqualTo(Column.BY_AUTHOR_KIND);
    assertThat(((QueryPlan.IndexWalk) plan).prefixes()).hasSize(4);
  }

  @Test
  void authorsAloneKindsAloneAndNothing() {
    assertThat(((QueryPlan.IndexWalk) QueryPlanner.plan(Filter.builder().authors(List.of(A)).build())).column())
        .isEqualTo(Column.BY_AUTHOR);
    assertThat(((QueryPlan.IndexWalk) QueryPlanner.plan(Filter.builder().kinds(1).build())).column())
        .isEqualTo(Column.BY_KIND);
    assertThat(((QueryPlan.IndexWalk) QueryPlanner.plan(Filter.builder().since(5).build())).column())
        .isEqualTo(Column.BY_TIME);
  }

  @Test
  void unmatchableFiltersPlanNothing() {
    assertThat(QueryPlanner.plan(Filter.builder().kinds(List.of()).build())).isInstanceOf(QueryPlan.Nothing.class);
    assertThat(QueryPlanner.plan(Filter.builder().since(10).until(9).build())).isInstanceOf(QueryPlan.Nothing.class);
    assertThat(QueryPlanner.plan(Filter.builder().ids(List.of("abc")).build())).isInstanceOf(QueryPlan.Nothing.class);
    assertThat(QueryPlanner.plan(Filter.builder().authors(List.of("xyz")).build())).isInstanceOf(QueryPlan.Nothing.class);
  }

  @Test
  void manyAuthorsFallBackToACoarserIndex() {
    List<String> authors =
        java.util.stream.IntStream.range(0, QueryPlanner.MAX_PREFIXES + 1)
            .mapToObj(i -> String.format("%064x", i))
            .toList();
    QueryPlan plan = QueryPlanner.plan(Filter.builder().authors(authors).kinds(1).build());
    assertThat(((QueryPlan.IndexWalk) plan).column()).isEqualTo(Column.BY_KIND);
  }
}
