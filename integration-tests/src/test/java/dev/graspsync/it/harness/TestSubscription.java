package dev.graspsync.it.harness;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One REQ opened by {@link NostrTestClient}: the events it received so far (stored and live),
 * whether EOSE came, and the CLOSED message if the relay ended it. Filled on the client's event
 * loop, read from test threads.
 */
public final class TestSubscription {
  private final String id;
  private final List<Filter> filters;
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> eose = new CompletableFuture<>();
  private final CompletableFuture<String> closed = new CompletableFuture<>();

  TestSubscription(String id, List<Filter> filters) {
    this.id = id;
    this.filters = List.copyOf(filters);
  }

  public String id() {
    return id;
  }

  public List<Filter> filters() {
    return filters;
  }

  /** Every event received for this subscription, in arrival order. */
  public List<Event> events() {
    return List.copyOf(events);
  }

  public boolean eoseReceived() {
    return eose.isDone();
  }

  /** The relay's CLOSED message, if it closed this subscription. */
  public Optional<String> closedMessage() {
    return Optional.ofNullable(closed.getNow(null));
  }

  /**
   * Waits for EOSE; fails if the relay sends CLOSED first (naming its message) or nothing
   * arrives in time.
   */
  public List<Event> awaitEose(Duration timeout) {
    CompletableFuture<Object> endOfStored = CompletableFuture.anyOf(eose, closed);
    try {
      endOfStored.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no EOSE for " + id + " within " + timeout.toMillis() + " ms (" + events.size() + " events so far)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for EOSE of " + id, e);
    } catch (ExecutionException e) {
      throw new AssertionError("subscription " + id + " failed", e.getCause());
    }
    if (!eose.isDone()) {
      throw new AssertionError("relay closed " + id + " before EOSE: " + closed.getNow(""));
    }
    return events();
  }

  /** Waits for the relay's CLOSED and returns its message. */
  public String awaitClosed(Duration timeout) {
    return Futures.await(closed, timeout, "CLOSED of " + id);
  }

  void onEvent(Event event) {
    events.add(event);
  }

  void onEose() {
    eose.complete(null);
  }

  void onClosed(String message) {
    closed.complete(message);
  }
}
