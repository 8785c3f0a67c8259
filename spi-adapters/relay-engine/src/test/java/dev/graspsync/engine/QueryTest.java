package dev.graspsync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REQ semantics for every filter field, on one stored data set. */
class QueryTest {
  @TempDir static Path dir;
  private static EngineFixture relay;
  private static final Keys alice = Keys.generate();
  private static final Keys bob = Keys.generate();
  private static final String REPO = "30617:" + "a".repeat(64) + ":repo";
  private static final String OTHER_REPO = "30617:" + "b".repeat(64) + ":other";

  private static Event repo;
  private static Event issue;
  private static Event patch;
  private static Event comment;
  private static Event status;
  private static Event quote;
  private static Event note;
  private static final List<Event> series = new ArrayList<>();

  @BeforeAll
  static void seed() {
    relay =
        EngineFixture.open(
            EngineSettings.defaults(dir, AcceptancePolicyKind.OPEN, List.of(EngineFixture.OWN_URL))
                .withMaxLimit(50)
                .withVerifyThreads(2));
    repo = Signed.by(alice).kind(30617).at(1000).tag("d", "repo").tag("relays", "wss://relay.test").sign();
    issue = Signed.by(bob).kind(1621).at(1010).tag("a", REPO).tag("p", alice.publicKeyHex()).sign();
    patch = Signed.by(alice).kind(1617).at(1020).tag("a", OTHER_REPO).sign();
    comment = Signed.by(alice).kind(1111).at(1030).tag("A", REPO).tag("E", issue.id()).tag("e", patch.id()).sign();
    status = Signed.by(bob).kind(1631).at(1040).tag("e", issue.id(), "", "root").tag("q", REPO).sign();
    quote = Signed.by(bob).kind(1).at(1050).tag("q", issue.id()).sign();
    note = Signed.by(bob).kind(1).at(1060).content("plain").sign();
    for (Event e : List.of(repo, issue, patch, comment, status, quote, note)) {
      relay.ingest(e);
    }
    for (int i = 0; i < 60; i++) {
      Event e = Signed.by(alice).kind(7).at(2000 + i).tag("t", "series").sign();
      series.add(e);
      relay.ingest(e);
    }
  }

  @AfterAll
  static void close() {
    relay.close();
  }

  private static List<String> ids(Event... events) {
    return java.util.Arrays.stream(events).map(Event::id).toList();
  }

  @Test
  void idsSelectExactlyThoseEventsNewestFirst() {
    assertThat(relay.queryIds(Filter.builder().ids(ids(repo, note, issue)).build()))
        .containsExactly(note.id(), issue.id(), repo.id());
    assertThat(relay.query(Filter.builder().ids(List.of("f".repeat(64))).build())).isEmpty();
  }

  @Test
  void authorsSelectByPubkey() {
    assertThat(relay.queryIds(Filter.builder().authors(List.of(bob.publicKeyHex())).build()))
        .containsExactly(note.id(), quote.id(), status.id(), issue.id());
  }

  @Test
  void kindsSelectByKind() {
    assertThat(relay.queryIds(Filter.builder().kinds(1, 1621).build()))
        .containsExactly(note.id(), quote.id(), issue.id());
  }

  @Test
  void authorsAndKindsTogether() {
    assertThat(relay.queryIds(Filter.builder().authors(List.of(alice.publicKeyHex())).kinds(1617, 30617).build()))
        .containsExactly(patch.id(), repo.id());
  }

  @Test
  void tagQueriesForEveryNip34Letter() {
    assertThat(relay.queryIds(Filter.builder().tag('a', List.of(REPO)).build())).containsExactly(issue.id());
    assertThat(relay.queryIds(Filter.builder().tag('A', List.of(REPO)).build())).containsExactly(comment.id());
    assertThat(relay.queryIds(Filter.builder().tag('e', List.of(issue.id())).build())).containsExactly(status.id());
    assertThat(relay.queryIds(Filter.builder().tag('E', List.of(issue.id())).build())).containsExactly(comment.id());
    assertThat(relay.queryIds(Filter.builder().tag('q', List.of(issue.id(), REPO)).build()))
        .containsExactly(quote.id(), status.id());
    assertThat(relay.queryIds(Filter.builder().tag('d', List.of("repo")).build())).containsExactly(repo.id());
    assertThat(relay.queryIds(Filter.builder().tag('p', List.of(alice.publicKeyHex())).build())).containsExactly(issue.id());
  }

  @Test
  void tagLettersAreCaseSensitive() {
    assertThat(relay.queryIds(Filter.builder().tag('a', List.of(REPO)).build())).doesNotContain(comment.id());
    assertThat(relay.queryIds(Filter.builder().tag('e', List.of(patch.id())).build())).containsExactly(comment.id());
  }

  @Test
  void severalTagConditionsMustAllHold() {
    assertThat(relay.queryIds(Filter.builder().tag('A', List.of(REPO)).tag('e', List.of(patch.id())).build()))
        .containsExactly(comment.id());
    assertThat(relay.queryIds(Filter.builder().tag('A', List.of(REPO)).tag('e', List.of(issue.id())).build()))
        .isEmpty();
  }

  @Test
  void tagConditionsCombineWithOtherFields() {
    assertThat(relay.queryIds(Filter.builder().tag('a', List.of(REPO, OTHER_REPO)).kinds(1617).build()))
        .containsExactly(patch.id());
    assertThat(relay.queryIds(Filter.builder().tag('a', List.of(REPO, OTHER_REPO)).authors(List.of(bob.publicKeyHex())).build()))
        .containsExactly(issue.id());
  }

  @Test
  void sinceAndUntilAreInclusive() {
    assertThat(relay.queryIds(Filter.builder().since(1010).until(1030).build()))
        .containsExactly(comment.id(), patch.id(), issue.id());
    assertThat(relay.queryIds(Filter.builder().kinds(1).since(1050).until(1050).build())).containsExactly(quote.id());
    assertThat(relay.queryIds(Filter.builder().authors(List.of(bob.publicKeyHex())).until(1010).build()))
        .containsExactly(issue.id());
  }

  @Test
  void limitReturnsTheNewest() {
    assertThat(relay.queryIds(Filter.builder().kinds(7).limit(3).build()))
        .containsExactly(series.get(59).id(), series.get(58).id(), series.get(57).id());
    assertThat(relay.query(Filter.builder().kinds(7).limit(0).build())).isEmpty();
  }

  @Test
  void serverMaximumCapsLimitsAndAppliesWithoutOne() {
    assertThat(relay.query(Filter.builder().kinds(7).limit(1000).build())).hasSize(50);
    List<String> noLimit = relay.queryIds(Filter.builder().tag('t', List.of("series")).build());
    assertThat(noLimit).hasSize(50);
    assertThat(noLimit.get(0)).isEqualTo(series.get(59).id());
    assertThat(noLimit.get(49)).isEqualTo(series.get(10).id());
  }

  @Test
  void resultsAreNewestFirst() {
    List<Event> all = relay.query(Filter.builder().kinds(7).build());
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i - 1).createdAt()).isGreaterThanOrEqualTo(all.get(i).createdAt());
    }
  }

  @Test
  void anEventMatchingSeveralFiltersIsDeliveredOnce() {
    List<String> found =
        relay.queryIds(
            Filter.builder().authors(List.of(bob.publicKeyHex())).build(),
            Filter.builder().kinds(1).build(),
            Filter.builder().ids(List.of(note.id(), repo.id())).build());
    assertThat(found).containsExactly(note.id(), quote.id(), status.id(), issue.id(), repo.id());
  }

  @Test
  void eachFilterHasItsOwnLimit() {
    List<String> found =
        relay.queryIds(Filter.builder().kinds(7).limit(2).build(), Filter.builder().kinds(1).limit(1).build());
    assertThat(found).containsExactly(series.get(59).id(), series.get(58).id(), note.id());
  }

  @Test
  void anEventBeyondAnEarlierFiltersLimitIsStillDeliveredByALaterFilter() {
    List<String> found =
        relay.queryIds(
            Filter.builder().kinds(7).limit(1).build(),
            Filter.builder().tag('t', List.of("series")).limit(3).build(),
            Filter.builder().kinds(7).until(2057).limit(2).build());
    assertThat(found)
        .containsExactly(series.get(59).id(), series.get(58).id(), series.get(57).id(), series.get(56).id());
  }

  @Test
  void emptyValueListsMatchNothing() {
    assertThat(relay.query(Filter.builder().kinds(List.of()).build())).isEmpty();
    assertThat(relay.query(Filter.builder().tag('e', List.of()).build())).isEmpty();
  }

  @Test
  void storedJsonIsForwardedByteForByte() {
    Event found = relay.query(Filter.builder().ids(List.of(comment.id())).build()).get(0);
    assertThat(found.toJson()).isEqualTo(comment.toJson());
  }

  @Test
  void countCountsDistinctMatchesIgnoringLimits() {
    assertThat(EngineFixture.await(relay.engine.count(List.of(Filter.builder().kinds(7).limit(1).build()))))
        .isEqualTo(60);
    assertThat(
            EngineFixture.await(
                relay.engine.count(
                    List.of(
                        Filter.builder().authors(List.of(bob.publicKeyHex())).build(),
                        Filter.builder().kinds(1).build()))))
        .isEqualTo(4);
  }
}
