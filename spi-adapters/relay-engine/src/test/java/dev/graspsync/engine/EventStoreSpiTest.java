package dev.graspsync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.event.Hex;
import dev.graspsync.nostr.negentropy.PackedStorage;
import dev.graspsync.spi.EventStore;
import dev.graspsync.spi.TooManyKeysException;
import java.util.Comparator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's view of the store. */
class EventStoreSpiTest {
  @TempDir Path dir;
  private EngineFixture relay;
  private EventStore store;
  private final List<Event> events = new ArrayList<>();

  @BeforeEach
  void seed() {
    relay = EngineFixture.open(dir, AcceptancePolicyKind.OPEN);
    store = relay.engine.store();
    Keys keys = Keys.generate();
    for (int i = 0; i < 10; i++) {
      // two events per second, so that ties order by id
      Event e = Signed.by(keys).kind(1).at(500 + i / 2).content("e" + i).sign();
      events.add(e);
      relay.ingest(e);
    }
  }

  @AfterEach
  void close() {
    relay.close();
  }

  @Test
  void containsAndContainsAll() {
    String missing = "0".repeat(64);
    assertThat(EngineFixture.await(store.contains(events.get(3).id()))).isTrue();
    assertThat(EngineFixture.await(store.contains(missing))).isFalse();
    assertThat(EngineFixture.await(store.contains("not an id"))).isFalse();
    assertThat(EngineFixture.await(store.containsAll(List.of(events.get(0).id(), missing, events.get(9).id()))))
        .containsExactlyInAnyOrder(events.get(0).id(), events.get(9).id());
  }

  @Test
  void keysAreAscendingByCreatedAtThenIdAndIgnoreLimit() {
    PackedStorage keys = EngineFixture.await(store.keys(Filter.builder().kinds(1).limit(2).build(), 100));
    assertThat(items(keys)).containsExactlyElementsOf(sortedItems(events));
  }

  @Test
  void keysCheckConditionsTheIndexDoesNotCover() {
    Keys other = Keys.generate();
    Event tagged = Signed.by(other).kind(1).at(505).tag("t", "x").content("tagged").sign();
    Event taggedOtherKind = Signed.by(other).kind(7).at(506).tag("t", "x").content("other").sign();
    relay.ingest(tagged);
    relay.ingest(taggedOtherKind);
    Filter kindAndTag = Filter.builder().kinds(1).tag('t', List.of("x")).build();
    assertThat(items(EngineFixture.await(store.keys(kindAndTag, 100))))
        .containsExactlyElementsOf(sortedItems(List.of(tagged)));
    Filter byTime = Filter.builder().since(501).until(503).build();
    assertThat(items(EngineFixture.await(store.keys(byTime, 100))))
        .containsExactlyElementsOf(
            sortedItems(events.stream().filter(e -> e.createdAt() >= 501 && e.createdAt() <= 503).toList()));
  }

  @Test
  void keysPastTheBoundFailNamingIt() {
    assertThatThrownBy(() -> EngineFixture.await(store.keys(Filter.builder().kinds(1).build(), 9)))
        .hasRootCauseInstanceOf(TooManyKeysException.class)
        .hasRootCauseMessage("the filter matches more than 9 stored events");
    assertThat(EngineFixture.await(store.keys(Filter.builder().kinds(1).build(), 10)).size()).isEqualTo(10);
  }

  private static List<String> items(PackedStorage keys) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      out.add(keys.createdAt(i) + ":" + Hex.encode(keys.id(i)));
    }
    return out;
  }

  private static List<String> sortedItems(List<Event> of) {
    return of.stream()
        .sorted(Comparator.comparingLong(Event::createdAt).thenComparing(Event::id))
        .map(e -> e.createdAt() + ":" + e.id())
        .toList();
  }

  @Test
  void queryIsBoundedByLimit() {
    assertThat(EngineFixture.await(store.query(List.of(Filter.builder().kinds(1).limit(3).build())))).hasSize(3);
  }
}
