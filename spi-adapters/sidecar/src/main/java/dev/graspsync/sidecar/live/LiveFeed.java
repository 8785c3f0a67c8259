package dev.graspsync.sidecar.live;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sidecar.client.RelayLink;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The sidecar's "event accepted" hook: one subscription to the operator's relay for the kinds
 * the plugins' discovery needs, kept open for the sidecar's life. After every reconnect it asks
 * again with {@code since} = the last moment the relay was seen up − {@code overlap}, so
 * nothing stored while the connection was down is missed; events seen twice because of that
 * overlap reach the hooks once (within the last {@link #REMEMBERED} ids). Events the sidecar
 * wrote itself come back through it like any other, which is how discovery recurses.
 */
public final class LiveFeed {
  static final int REMEMBERED = 20_000;
  private static final String SUBSCRIPTION = "live";

  private final RelayLink link;
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

  public LiveFeed(RelayLink link, List<Integer> kinds, Duration overlap, Consumer<Event> accepted) {
    this.link = link;
    this.kinds = List.copyOf(kinds);
    this.overlap = overlap;
    this.accepted = accepted;
  }

  public void start() {
    link.subscribe(SUBSCRIPTION, () -> List.of(filter(link.lastSeenUpEpochSecond())), this::received);
  }

  /** The live filter: the kinds, from {@code lastSeenUp − overlap} on. */
  Filter filter(long lastSeenUp) {
    return Filter.builder().kinds(kinds).since(Math.max(0, lastSeenUp - overlap.toSeconds())).build();
  }

  /** On the link's loop. */
  private void received(Event event) {
    if (recent.put(event.id(), Boolean.TRUE) == null && kinds.contains(event.kind())) {
      accepted.accept(event);
    }
  }
}
