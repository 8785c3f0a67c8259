package dev.graspsync.sync.refused;

import static dev.graspsync.sync.fixtures.TestEvents.event;
import static dev.graspsync.sync.fixtures.TestEvents.freshId;
import static dev.graspsync.sync.fixtures.TestEvents.pubkey;
import static dev.graspsync.sync.fixtures.TestEvents.tag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Nip34;
import dev.graspsync.spi.IngestVerdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefusedMemoryTest {
  private static final Duration WEEK = Duration.ofDays(7);
  private static final IngestVerdict BLOCKED = new IngestVerdict.Rejected("blocked: not listed here");
  private final Instant start = Instant.parse("2026-01-01T00:00:00Z");
  private Instant now = start;
  private final Clock clock = new Clock() {
    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  };

  /** What the memory persisted, as the store would hold it. */
  private final Map<String, RefusedRecord> persisted = new HashMap<>();
  private final RefusedStore store = new RefusedStore() {
    @Override
    public void put(RefusedRecord record) {
      persisted.put(record.id(), record);
    }

    @Override
    public void delete(Collection<String> ids) {
      ids.forEach(persisted::remove);
    }
  };

  private RefusedMemory memory(int maxIds) {
    return new RefusedMemory(clock, WEEK, maxIds, store);
  }

  private static Event state(String d) {
    return event(freshId(), pubkey(5), 10, Nip34.REPO_STATE, List.of(tag("d", d)));
  }

  @Test
  void aRefusedStateIsRememberedAndSkippedUntilItExpires() {
    RefusedMemory m = memory(10);
    Event s = state("repo");
    assertThat(m.remember(s, BLOCKED, m.generation())).isTrue();
    assertThat(m.isRefused(s.id())).isTrue();
    assertThat(m.ids()).containsExactly(s.id());
    assertThat(persisted).containsKey(s.id());
    now = start.plus(WEEK).minusSeconds(1);
    assertThat(m.isRefused(s.id())).isTrue();
    now = start.plus(WEEK);
    assertThat(m.ids()).isEmpty();
    assertThat(m.isRefused(s.id())).isFalse();
    assertThat(persisted).isEmpty();
  }

  @Test
  void onlyPolicyRefusalsOfAnnouncementsAndStatesAreRemembered() {
    RefusedMemory m = memory(10);
    Event comment = event(freshId(), pubkey(5), 10, Nip34.COMMENT, List.of());
    assertThat(m.remember(comment, BLOCKED, m.generation())).isFalse();
    assertThat(m.remember(state("a"), new IngestVerdict.Rejected("invalid: bad signature"), m.generation())).isFalse();
    assertThat(m.remember(state("a"), new IngestVerdict.Rejected("error: store closed"), m.generation())).isFalse();
    assertThat(m.remember(state("a"), IngestVerdict.ACCEPTED, m.generation())).isFalse();
    assertThat(m.remember(state("a"), new IngestVerdict.Rejected("restricted: not a maintainer"), m.generation())).isTrue();
    Event announcement = event(freshId(), pubkey(5), 10, Nip34.REPO_ANNOUNCEMENT, List.of(tag("d", "x")));
    assertThat(m.remember(announcement, BLOCKED, m.generation())).isTrue();
    assertThat(m.size()).isEqualTo(2);
  }

  @Test
  void anAnnouncementOfTheIdentifierForgetsItsRefusals() {
    RefusedMemory m = memory(10);
    Event mine = state("repo");
    Event other = state("other");
    m.remember(mine, BLOCKED, m.generation());
    m.remember(other, BLOCKED, m.generation());
    assertThat(m.invalidate("repo")).isEqualTo(1);
    assertThat(m.isRefused(mine.id())).isFalse();
    assertThat(m.isRefused(other.id())).isTrue();
    assertThat(persisted).containsOnlyKeys(other.id());
  }

  @Test
  void aRefusalThatRacedWithAnInvalidationIsNotKept() {
    RefusedMemory m = memory(10);
    long before = m.generation();
    m.invalidate("repo"); // the announcement arrived while the state was being judged
    assertThat(m.remember(state("repo"), BLOCKED, before)).isFalse();
    assertThat(m.size()).isZero();
    assertThat(persisted).isEmpty();
  }

  @Test
  void theOldestGoFirstWhenFull() {
    RefusedMemory m = memory(2);
    List<Event> states = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      states.add(state("r" + i));
      m.remember(states.get(i), BLOCKED, m.generation());
      now = now.plusSeconds(1);
    }
    assertThat(m.ids()).containsExactlyInAnyOrder(states.get(1).id(), states.get(2).id());
    assertThat(persisted).containsOnlyKeys(states.get(1).id(), states.get(2).id());
  }

  @Test
  void whatWasPersistedComesBackAfterARestartExceptExpiredOnes() {
    RefusedMemory first = memory(10);
    Event kept = state("a");
    first.remember(kept, BLOCKED, first.generation());
    now = now.plus(Duration.ofDays(6));
    Event later = state("b");
    first.remember(later, BLOCKED, first.generation());
    now = now.plus(Duration.ofDays(2));
    RefusedMemory restarted = memory(10);
    restarted.load(List.copyOf(persisted.values()));
    assertThat(restarted.ids()).containsExactly(later.id());
    assertThat(persisted).containsOnlyKeys(later.id());
  }

  @Test
  void switchedOffRemembersNothing() {
    RefusedMemory off = RefusedMemory.off(clock);
    assertThat(off.remember(state("a"), BLOCKED, off.generation())).isFalse();
    assertThat(new RefusedMemory(clock, Duration.ZERO, 10, store).remember(state("a"), BLOCKED, 0)).isFalse();
  }
}
