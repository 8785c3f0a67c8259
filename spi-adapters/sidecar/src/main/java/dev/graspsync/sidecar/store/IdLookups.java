package dev.graspsync.sidecar.store;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sidecar.client.RelayLink;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which ids the relay stores, asked with {@code ids} REQs of at most {@code idsPerReq} ids.
 * Single look-ups made in the same turn of the loop share one REQ: a plugin checking every
 * event it received before ingesting it costs one round trip per batch, not one per event.
 * Runs on the link's loop.
 */
final class IdLookups {
  private final RelayLink link;
  private final Context loop;
  private final int idsPerReq;
  private final Map<String, List<Promise<Boolean>>> waiting = new LinkedHashMap<>();
  private boolean flushScheduled;

  IdLookups(RelayLink link, int idsPerReq) {
    this.link = link;
    this.loop = link.loop();
    this.idsPerReq = idsPerReq;
  }

  /** Any thread; completes on the link's loop. */
  Future<Boolean> contains(String id) {
    Promise<Boolean> promise = Promise.promise();
    loop.runOnContext(v -> {
      waiting.computeIfAbsent(id, k -> new ArrayList<>()).add(promise);
      if (waiting.size() >= idsPerReq) {
        flush();
      } else if (!flushScheduled) {
        flushScheduled = true;
        loop.runOnContext(w -> flush());
      }
    });
    return promise.future();
  }

  /** The stored subset of {@code ids}, in REQs of at most {@code idsPerReq} ids; any thread. */
  Future<Set<String>> containsAll(Collection<String> ids) {
    List<String> all = List.copyOf(new HashSet<>(ids));
    List<Future<List<Event>>> chunks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += idsPerReq) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + idsPerReq));
      chunks.add(link.fetch(List.of(Filter.builder().ids(chunk).limit(chunk.size()).build())));
    }
    return Future.all(chunks).map(done -> {
      Set<String> found = new HashSet<>();
      for (Future<List<Event>> chunk : chunks) {
        chunk.result().forEach(e -> found.add(e.id()));
      }
      found.retainAll(all);
      return Set.copyOf(found);
    });
  }

  private void flush() {
    flushScheduled = false;
    if (waiting.isEmpty()) {
      return;
    }
    Map<String, List<Promise<Boolean>>> batch = new HashMap<>(waiting);
    waiting.clear();
    containsAll(batch.keySet()).onComplete(ar -> batch.forEach((id, promises) -> promises.forEach(p -> {
      if (ar.succeeded()) {
        p.complete(ar.result().contains(id));
      } else {
        p.fail(ar.cause());
      }
    })));
  }
}
