package dev.graspsync.sync.session;

import dev.graspsync.nostr.event.Event;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A subscription listener that records what it is told; its sink settles at once unless given one. */
final class RecordingSubscriber implements SubscriptionListener {
  final List<Event> events = Collections.synchronizedList(new ArrayList<>());
  final CompletableFuture<SubscriptionOutcome> outcome = new CompletableFuture<>();
  final AtomicInteger outcomes = new AtomicInteger();
  final CompletableFuture<Boolean> live = new CompletableFuture<>();
  private final Function<Event, Future<?>> sink;

  RecordingSubscriber() {
    this(e -> Future.succeededFuture());
  }

  RecordingSubscriber(Function<Event, Future<?>> sink) {
    this.sink = sink;
  }

  @Override
  public Future<?> onEvent(Event event) {
    events.add(event);
    return sink.apply(event);
  }

  @Override
  public void onLive() {
    live.complete(true);
  }

  @Override
  public void onOutcome(SubscriptionOutcome o) {
    outcomes.incrementAndGet();
    outcome.complete(o);
  }

  SubscriptionOutcome awaitOutcome() {
    try {
      return outcome.get(OnLoop.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("no outcome", e);
    }
  }

  List<String> ids() {
    synchronized (events) {
      return events.stream().map(Event::id).toList();
    }
  }
}
