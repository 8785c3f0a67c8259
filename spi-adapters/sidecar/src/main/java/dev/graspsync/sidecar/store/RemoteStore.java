package dev.graspsync.sidecar.store;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.negentropy.PackedStorage;
import dev.graspsync.sidecar.client.RelayLink;
import dev.graspsync.spi.EventStore;
import dev.graspsync.spi.hosting.CallerContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The operator's relay as the plugin's {@link EventStore}, read with NIP-01 REQs: queries as
 * one REQ, scans paged with {@code until}, look-ups by id batched into {@code ids} filters.
 * Every future, and every scan page, completes on the caller's context, as the SPI promises.
 */
public final class RemoteStore implements EventStore {
  private final RelayLink link;
  private final int maxLimit;
  private final PagedReader reader;
  private final IdLookups lookups;
  private final RemoteKeys keys;

  /**
   * @param maxLimit the most events one query filter returns, and the size of a scan page
   * @param idsPerReq the most ids one look-up REQ carries
   */
  public RemoteStore(RelayLink link, int maxLimit, int idsPerReq) {
    this.link = link;
    this.maxLimit = maxLimit;
    this.reader = new PagedReader(link, maxLimit);
    this.lookups = new IdLookups(link, idsPerReq);
    this.keys = new RemoteKeys(reader);
  }

  @Override
  public Future<List<Event>> query(List<Filter> filters) {
    List<Filter> bounded = filters.stream()
        .map(f -> f.withLimit(Math.min(f.limit().orElse(maxLimit), maxLimit)))
        .toList();
    return CallerContext.complete(() -> link.fetch(bounded).map(events -> {
      Map<String, Event> unique = new LinkedHashMap<>();
      events.forEach(e -> unique.putIfAbsent(e.id(), e));
      return unique.values().stream()
          .sorted(Comparator.comparingLong(Event::createdAt).reversed().thenComparing(Event::id))
          .toList();
    }));
  }

  @Override
  public Future<Void> scan(List<Filter> filters, Consumer<List<Event>> page) {
    Optional<Context> caller = Optional.ofNullable(Vertx.currentContext());
    // an event two filters match is delivered once: only several filters need the memory
    Set<String> delivered = new HashSet<>();
    Function<List<Event>, Future<Void>> handOver = events -> {
      List<Event> fresh = filters.size() < 2 ? events : events.stream().filter(e -> delivered.add(e.id())).toList();
      if (fresh.isEmpty()) {
        return Future.succeededFuture();
      }
      if (caller.isEmpty()) {
        page.accept(fresh);
        return Future.succeededFuture();
      }
      Promise<Void> handled = Promise.promise();
      caller.get().runOnContext(v -> {
        try {
          page.accept(fresh);
          handled.complete();
        } catch (RuntimeException e) {
          handled.fail(e);
        }
      });
      return handled.future();
    };
    return CallerContext.complete(() -> {
      Future<Void> all = Future.succeededFuture();
      for (Filter filter : filters) {
        all = all.compose(v -> reader.read(filter, handOver));
      }
      return all;
    });
  }

  @Override
  public Future<Boolean> contains(String eventId) {
    return CallerContext.complete(() -> lookups.contains(eventId));
  }

  @Override
  public Future<Set<String>> containsAll(Collection<String> eventIds) {
    return CallerContext.complete(() -> lookups.containsAll(eventIds));
  }

  @Override
  public Future<PackedStorage> keys(Filter filter, int maxItems) {
    return CallerContext.complete(() -> keys.keys(filter, maxItems));
  }
}
