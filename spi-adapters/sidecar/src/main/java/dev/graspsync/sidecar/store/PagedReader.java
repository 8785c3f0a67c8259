package dev.graspsync.sidecar.store;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sidecar.client.RelayLink;
import io.vertx.core.Future;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads everything one filter matches from the relay, newest first, one REQ per page of
 * {@code pageSize} events with {@code until} moving back ({@link PageCursor}); the next page is
 * asked for only after {@code page}'s future completed, so memory stays one page whatever the
 * relay holds.
 */
final class PagedReader {
  private static final Logger log = LoggerFactory.getLogger(PagedReader.class);

  private final RelayLink link;
  private final int pageSize;

  PagedReader(RelayLink link, int pageSize) {
    this.link = link;
    this.pageSize = pageSize;
  }

  /** Completes on the link's loop after the last page. */
  Future<Void> read(Filter filter, Function<List<Event>, Future<Void>> page) {
    return step(filter.withoutLimit(), PageCursor.first(filter), page);
  }

  private Future<Void> step(Filter filter, PageCursor cursor, Function<List<Event>, Future<Void>> page) {
    if (cursor.done()) {
      return Future.succeededFuture();
    }
    return link.fetch(List.of(cursor.request(filter, pageSize))).compose(events -> {
      List<Event> newestFirst = events.stream()
          .sorted(Comparator.comparingLong(Event::createdAt).reversed()).toList();
      PageCursor.Step step = cursor.next(newestFirst);
      if (step.skippedASecond()) {
        log.warn("the relay holds more events at created_at {} than one page returns ({}); some of them "
            + "cannot be listed with NIP-01 paging", cursor.until().orElse(-1), newestFirst.size());
      }
      Future<Void> handed = step.fresh().isEmpty() ? Future.succeededFuture() : page.apply(step.fresh());
      return handed.compose(v -> step(filter, step.next(), page));
    });
  }
}
