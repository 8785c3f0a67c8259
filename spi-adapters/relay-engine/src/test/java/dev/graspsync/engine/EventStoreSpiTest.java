package dev.graspsync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.spi.EventKey;
import dev.graspsync.spi.EventStore;
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
    List<EventKey> keys = EngineFixture.await(store.keys(Filter.builder().kinds(1).limit(2).build()));
    List<EventKey> expected =
        events.stream().map(e -> new EventKey(e.createdAt(), e.id())).sorted().toList();
    assertThat(keys).containsExactlyElementsOf(expected);
  }

  @Test
  void queryIsBoundedByLimit() {
    assertThat(EngineFixture.await(store.query(List.of(Filter.builder().kinds(1).limit(3).build())))).hasSize(3);
  }
}
