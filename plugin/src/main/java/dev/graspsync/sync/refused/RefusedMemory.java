package dev.graspsync.sync.refused;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.spi.IngestVerdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids of events the host refused (see {@link RefusalRule}), so that the next full sync skips
 * them before any costly work instead of fetching, verifying and refusing them again.
 * Bounded ({@code maxIds}: the oldest go first), expiring ({@code ttl} after the refusal, on
 * the given clock), persistent (every change goes to a {@link RefusedStore}) and invalidated
 * by identifier when an announcement of that identifier is indexed, since that is what can
 * make them acceptable.
 *
 * <p>Relay workers ask and remember from their own event loops, the coordinator invalidates
 * from its own: the maps are concurrent, and a refusal that raced with an invalidation is
 * dropped rather than kept (see {@link #generation()}).
 */
public final class RefusedMemory {
  private final Clock clock;
  private final Duration ttl;
  private final int maxIds;
  private final RefusedStore store;
  private final Map<String, RefusedRecord> byId = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> byIdentifier = new ConcurrentHashMap<>();
  /** Insertion order, which is expiry order: the head goes first when the memory is full. */
  private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
  /** Entries of {@link #order}, forgotten ones included until they are compacted away. */
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong generation = new AtomicLong();

  public RefusedMemory(Clock clock, Duration ttl, int maxIds, RefusedStore store) {
    this.clock = clock;
    this.ttl = ttl;
    this.maxIds = maxIds;
    this.store = store;
  }

  /** Remembers nothing. */
  public static RefusedMemory off(Clock clock) {
    return new RefusedMemory(clock, Duration.ZERO, 0, RefusedStore.NONE);
  }

  /** Restores what the store held at start-up; expired records are dropped from the store. */
  public void load(Collection<RefusedRecord> records) {
    Instant now = clock.instant();
    List<String> expired = new ArrayList<>();
    records.stream().sorted(java.util.Comparator.comparingLong(RefusedRecord::expiresAt)).forEach(r -> {
      if (RefusalRule.expired(r, now) || maxIds == 0) {
        expired.add(r.id());
      } else {
        add(r);
      }
    });
    if (!expired.isEmpty()) {
      store.delete(expired);
    }
    evictOverflow();
  }

  /** Whether {@code id} was refused and is still remembered: skip it. */
  public boolean isRefused(String id) {
    RefusedRecord r = byId.get(id);
    if (r == null) {
      return false;
    }
    if (RefusalRule.expired(r, clock.instant())) {
      forget(List.of(r));
      return false;
    }
    return true;
  }

  /**
   * The ids remembered now (expired ones left out), for a reconciliation (NIP-77) to count
   * among the ids it has, so that it never downloads them.
   */
  public List<String> ids() {
    long now = clock.instant().getEpochSecond();
    List<String> out = new ArrayList<>(byId.size());
    byId.values().forEach(r -> {
      if (r.expiresAt() > now) {
        out.add(r.id());
      }
    });
    return out;
  }

  /**
   * The refusals remembered now (expired ones left out) whose event {@code filter} matches, for
   * a reconciliation (NIP-77) to put in its local set, so that it never downloads them. Only
   * refusals that kept their {@link RefusedEvent} can be matched.
   */
  public List<RefusedRecord> matching(Filter filter) {
    long now = clock.instant().getEpochSecond();
    List<RefusedRecord> out = new ArrayList<>();
    byId.values().forEach(r -> {
      if (r.expiresAt() > now && r.event().filter(e -> e.matches(filter, r.id(), r.identifier())).isPresent()) {
        out.add(r);
      }
    });
    return out;
  }

  /**
   * Read before handing an event to the host; pass it to {@link #remember}. An invalidation
   * in between means the refusal may already be out of date.
   */
  public long generation() {
    return generation.get();
  }

  /**
   * Remembers the host's refusal of {@code event} when {@link RefusalRule} says so and no
   * invalidation happened since {@code generationBefore}.
   *
   * @return whether it is remembered
   */
  public boolean remember(Event event, IngestVerdict verdict, long generationBefore) {
    if (maxIds == 0) {
      return false;
    }
    Optional<RefusedRecord> record = RefusalRule.remember(event, verdict, clock.instant(), ttl);
    if (record.isEmpty() || generation.get() != generationBefore) {
      return false;
    }
    add(record.get());
    // an invalidation that ran while this was added may have missed it
    if (generation.get() != generationBefore) {
      forget(List.of(record.get()));
      return false;
    }
    store.put(record.get());
    evictOverflow();
    return true;
  }

  /**
   * An announcement of {@code identifier} was indexed: its states and its maintainers'
   * announcements may be acceptable now.
   *
   * @return how many ids were forgotten
   */
  public int invalidate(String identifier) {
    generation.incrementAndGet();
    Set<String> ids = byIdentifier.remove(identifier);
    if (ids == null || ids.isEmpty()) {
      return 0;
    }
    List<RefusedRecord> gone = new ArrayList<>();
    for (String id : ids) {
      RefusedRecord r = byId.remove(id);
      if (r != null) {
        gone.add(r);
      }
    }
    store.delete(gone.stream().map(RefusedRecord::id).toList());
    return gone.size();
  }

  public int size() {
    return byId.size();
  }

  private void add(RefusedRecord r) {
    if (byId.put(r.id(), r) == null) {
      order.add(r.id());
      queued.incrementAndGet();
    }
    byIdentifier.computeIfAbsent(r.identifier(), k -> ConcurrentHashMap.newKeySet()).add(r.id());
  }

  private void forget(List<RefusedRecord> records) {
    List<String> ids = new ArrayList<>();
    for (RefusedRecord r : records) {
      if (byId.remove(r.id(), r)) {
        ids.add(r.id());
        Set<String> s = byIdentifier.get(r.identifier());
        if (s != null) {
          s.remove(r.id());
        }
      }
    }
    if (!ids.isEmpty()) {
      store.delete(ids);
    }
  }

  private void evictOverflow() {
    List<RefusedRecord> evicted = new ArrayList<>();
    while (byId.size() - evicted.size() > maxIds) {
      String id = order.poll();
      if (id == null) {
        break;
      }
      queued.decrementAndGet();
      RefusedRecord r = byId.get(id);
      if (r != null) {
        evicted.add(r);
      }
    }
    forget(evicted);
    // invalidated and expired ids stay queued until evicted: compact now and then
    if (queued.get() > 2L * maxIds + 1024) {
      order.removeIf(id -> !byId.containsKey(id));
      queued.set(order.size());
    }
  }
}
