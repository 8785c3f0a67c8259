package dev.graspsync.host.server;

import dev.graspsync.nostr.event.Event;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands each accepted event to every server verticle, on the verticle's own event loop,
 * where its subscription index finds the subscriptions it matches.
 */
public final class LiveFanout {
  private final List<RelayServerVerticle> verticles = new CopyOnWriteArrayList<>();

  void register(RelayServerVerticle verticle) {
    verticles.add(verticle);
  }

  void unregister(RelayServerVerticle verticle) {
    verticles.remove(verticle);
  }

  /** Callable from any thread. */
  public void publish(Event event) {
    for (RelayServerVerticle v : verticles) {
      v.deliver(event);
    }
  }
}
