package dev.graspsync.sidecar.live;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sidecar.client.RelayLink;
import dev.graspsync.spi.EventStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar's "event accepted" hook, fed three ways, each event handed on once (within the
 * last {@link #REMEMBERED} ids):
 *
 * <ul>
 *   <li>one subscription to the operator's relay for the kinds the plugins' discovery needs,
 *       kept open for the sidecar's life, with {@code limit: 0}: only events stored from now
 *       on, whatever their {@code created_at} (a synced announcement is often years old, and a
 *       {@code since} would hide it);
 *   <li>after every (re)connection, a paged read of those kinds with {@code since} = the last
 *       moment the relay was seen up − {@code overlap}: what was stored while the connection
 *       was down;
 *   <li>the events the sidecar itself wrote, once the relay said OK: they also come back on the
 *       subscription, which is how discovery recurses, but a relay that does not echo them
 *       cannot stop it.
 * </ul>
 *
 * Runs on the link's loop.
 */
public final class LiveFeed {
  private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
  static final int REMEMBERED = 20_000;
  private static final String SUBSCRIPTION = "live";

  private final RelayLink link;
  private final EventStore store;
  private final List<Integer> kinds;
  private final Duration overlap;
  private final Consumer<Event> accepted;
  private final Map<String, Boolean> recent = new LinkedHashMap<>(1024, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  };

  public LiveFeed(RelayLink link, EventStore store, List<Integer> kinds, Duration overlap, Consumer<Event> accepted) {
    this.link = link;
    this.store = store;
    this.kinds = List.copyOf(kinds);
    this.overlap = overlap;
    this.accepted = accepted;
  }

  public void start() {
    link.subscribe(SUBSCRIPTION, () -> List.of(Filter.builder().kinds(kinds).limit(0).build()), this::offer);
    link.onConnect(this::catchUp);
  }

  /** An event the relay stored; on the link's loop. */
  public void offer(Event event) {
    if (kinds.contains(event.kind()) && recent.put(event.id(), Boolean.TRUE) == null) {
      accepted.accept(event);
    }
  }

  /** The catch-up filter: the kinds, from {@code lastSeenUp − overlap} on. */
  Filter catchUpFilter(long lastSeenUp) {
    return Filter.builder().kinds(kinds).since(Math.max(0, lastSeenUp - overlap.toSeconds())).build();
  }

  private void catchUp() {
    Filter filter = catchUpFilter(link.lastSeenUpEpochSecond());
    store.scan(List.of(filter), page -> page.forEach(this::offer))
        .onFailure(e -> log.warn("catching up on {} after a reconnect failed: {}", filter.toJson(), e.getMessage()));
  }
}
