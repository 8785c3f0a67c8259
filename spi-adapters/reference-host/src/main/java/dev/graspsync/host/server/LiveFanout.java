package dev.graspsync.host.server;

import dev.graspsync.engine.EngineEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands each accepted event to every server verticle, on the verticle's own event loop,
 * where its subscription index finds the subscriptions it matches. The event's message bytes
 * are made here once, for every subscriber on every loop.
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
  public void publish(EngineEvent accepted) {
    LiveEvent event = LiveEvent.of(accepted);
    long acceptedNanos = System.nanoTime();
    for (RelayServerVerticle v : verticles) {
      v.deliver(event, acceptedNanos);
    }
  }
}
