package dev.graspsync.sync.session;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A relay's stored-events answer to a REQ, as NIP-01 relays give it: each filter's newest
 * matching events (ties by id), at most its {@code limit}, each event sent once per REQ; and
 * a cap applied per filter, or to the whole REQ (filled filter by filter, or newest first over
 * all filters).
 */
final class SimulatedRelay {
  /** How the relay caps a REQ. */
  enum Capping { PER_FILTER, WHOLE_REQ_FILTER_BY_FILTER, WHOLE_REQ_NEWEST_FIRST }

  private static final Comparator<Event> NEWEST_FIRST =
      Comparator.comparingLong(Event::createdAt).reversed().thenComparing(Event::id);

  private final List<Event> stored;
  private final Capping capping;
  private final int cap;
  private final boolean announced;
  private final Map<Filter, List<Event>> matching = new HashMap<>();
  private long reqs;
  private long sent;

  SimulatedRelay(List<Event> stored, Capping capping, int cap, boolean announced) {
    this.stored = List.copyOf(stored);
    this.capping = capping;
    this.cap = cap;
    this.announced = announced;
  }

  /** NIP-11 {@code max_limit} when the relay announces its cap. */
  OptionalInt maxLimit() {
    return announced ? OptionalInt.of(cap) : OptionalInt.empty();
  }

  int cap() {
    return cap;
  }

  Capping capping() {
    return capping;
  }

  long reqs() {
    return reqs;
  }

  long sent() {
    return sent;
  }

  List<Event> answer(List<Filter> req) {
    reqs++;
    Map<String, Event> out = new LinkedHashMap<>();
    if (capping == Capping.WHOLE_REQ_NEWEST_FIRST) {
      for (Filter f : req) {
        newest(f, f.limit().orElse(Integer.MAX_VALUE)).forEach(e -> out.putIfAbsent(e.id(), e));
      }
      List<Event> all = new ArrayList<>(out.values());
      all.sort(NEWEST_FIRST);
      List<Event> answer = all.subList(0, Math.min(cap, all.size()));
      sent += answer.size();
      return List.copyOf(answer);
    }
    for (Filter f : req) {
      int limit = f.limit().orElse(Integer.MAX_VALUE);
      if (capping == Capping.PER_FILTER || announced) {
        limit = Math.min(limit, cap);
      }
      for (Event e : newest(f, limit)) {
        if (capping == Capping.WHOLE_REQ_FILTER_BY_FILTER && out.size() >= cap) {
          break;
        }
        out.putIfAbsent(e.id(), e);
      }
    }
    sent += out.size();
    return List.copyOf(out.values());
  }

  private List<Event> newest(Filter f, int limit) {
    Filter unbounded = new Filter(f.ids(), f.authors(), f.kinds(), f.tags(), f.since(), OptionalLong.empty(),
        OptionalInt.empty());
    List<Event> all = matching.computeIfAbsent(unbounded,
        u -> stored.stream().filter(u::matches).sorted(NEWEST_FIRST).toList());
    long until = f.until().orElse(Long.MAX_VALUE);
    return all.stream().filter(e -> e.createdAt() <= until).limit(limit).toList();
  }
}
