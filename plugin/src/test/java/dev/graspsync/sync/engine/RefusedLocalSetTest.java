package dev.graspsync.sync.engine;

import static dev.graspsync.sync.fixtures.TestEvents.announcement;
import static dev.graspsync.sync.fixtures.TestEvents.event;
import static dev.graspsync.sync.fixtures.TestEvents.freshId;
import static dev.graspsync.sync.fixtures.TestEvents.pubkey;
import static dev.graspsync.sync.fixtures.TestEvents.tag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Nip34;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.negentropy.Negentropy;
import dev.graspsync.nostr.negentropy.NegentropyStorage;
import dev.graspsync.nostr.negentropy.PackedStorage;
import dev.graspsync.nostr.negentropy.PackedStorageBuilder;
import dev.graspsync.nostr.negentropy.Reconciliation;
import dev.graspsync.spi.IngestVerdict;
import dev.graspsync.sync.reconcile.RefusedItems;
import dev.graspsync.sync.refused.RefusedMemory;
import dev.graspsync.sync.refused.RefusedStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A reconciliation's local set holds the refused events the filter matches, so they are never fetched. */
class RefusedLocalSetTest {
  private static final IngestVerdict BLOCKED = new IngestVerdict.Rejected("blocked: not listed here");
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final RefusedMemory memory = new RefusedMemory(clock, Duration.ofDays(7), 100, RefusedStore.NONE);

  private final Event stored = announcement(pubkey(1), "hosted", 100, List.of());
  private final Event refused = announcement(pubkey(2), "elsewhere", 200, List.of());
  private final Event fresh = announcement(pubkey(3), "new", 300, List.of());
  private final Filter announcements = Filter.builder().kinds(Set.of(Nip34.REPO_ANNOUNCEMENT)).build();

  @Test
  void aRememberedRefusalIsNotAmongTheIdsFetched() {
    memory.remember(refused, BLOCKED, memory.generation());

    assertThat(need(announcements, HistoryRoute.refusedItems(memory))).containsExactly(fresh.id());
    // without the memory the refused announcement would be downloaded again
    assertThat(need(announcements, RefusedItems.NONE)).containsExactlyInAnyOrder(fresh.id(), refused.id());
  }

  @Test
  void aRefusalJoinsOnlyTheLocalSetsOfFiltersMatchingIt() {
    Event state = event(freshId(), pubkey(2), 250, Nip34.REPO_STATE, List.of(tag("d", "elsewhere")));
    memory.remember(refused, BLOCKED, memory.generation());
    memory.remember(state, BLOCKED, memory.generation());
    RefusedItems items = HistoryRoute.refusedItems(memory);

    Filter states = Filter.builder().kinds(Set.of(Nip34.REPO_STATE)).authors(Set.of(pubkey(2)))
        .tag('d', Set.of("elsewhere")).build();
    assertThat(items.matching(states)).extracting(RefusedItems.Item::id).containsExactly(state.id());
    assertThat(items.matching(states).get(0).createdAt()).isEqualTo(250);
    assertThat(items.matching(announcements.withSince(201))).isEmpty();
    Filter tagged = Filter.builder().kinds(Set.of(Nip34.REPO_STATE)).tag('a', Set.of("x")).build();
    assertThat(items.matching(tagged)).isEmpty();
  }

  /** Reconciles {@code filter}'s local set (our store holds {@code stored}) against a relay holding all three. */
  private List<String> need(Filter filter, RefusedItems items) {
    NegentropyStorage local = LocalSet.load(CoordinatorHost.storeWithKeys(packed(stored)), filter, items).result();
    Negentropy relay = Negentropy.responder(packed(stored, refused, fresh), 60_000);
    Negentropy us = Negentropy.initiator(local, 60_000);
    List<String> need = new ArrayList<>();
    byte[] message = us.initiate();
    for (int round = 0; round < 20; round++) {
      Reconciliation r = us.reconcile(relay.respond(message));
      need.addAll(r.need());
      if (r.done()) {
        return need;
      }
      message = r.next().orElseThrow();
    }
    throw new AssertionError("no end after 20 rounds");
  }

  private static PackedStorage packed(Event... events) {
    PackedStorageBuilder b = PackedStorage.builder(events.length);
    for (Event e : events) {
      b.add(e.createdAt(), e.id());
    }
    return b.seal();
  }
}
