package dev.graspsync.sidecar.client;

import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.message.ClientMessage;
import dev.graspsync.nostr.message.MachinePrefix;
import dev.graspsync.nostr.message.RelayMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small NIP-01 client for the operator's relay, over one {@link RelaySocket}: one-shot REQs
 * read to EOSE (at most {@code maxOpenReqs} open, the rest wait), standing subscriptions sent
 * again with fresh filters after every reconnect, and EVENTs answered by OK. Everything runs on
 * this verticle's event loop; futures complete there.
 *
 * <p>A REQ the connection lost is sent again after the reconnect; a REQ the relay refused with
 * {@code rate-limited:}, {@code auth-required:} or {@code error:} is sent again after a backoff,
 * a few times; any other refusal fails it with the relay's reason. An EVENT whose connection was
 * lost fails with {@link LinkDown}: its sender decides when to send it again.
 */
public final class RelayLink extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(RelayLink.class);
  private static final int MAX_REFUSALS = 6;

  /**
   * How to reach the relay and how hard to push it.
   *
   * @param authRelayUrl the URL NIP-42 auth events name in their {@code relay} tag: the one the
   *     relay knows itself by, which may differ from the address the sidecar dials
   */
  public record Settings(String url, String authRelayUrl, Optional<Keys> authKeys, int maxOpenReqs,
      Duration requestTimeout, Backoff backoff) {}

  private static final class Fetch {
    final List<Filter> filters;
    final Promise<List<Event>> promise = Promise.promise();
    final List<Event> events = new ArrayList<>();
    String subscriptionId = "";
    int refusals;
    long timer = -1;

    Fetch(List<Filter> filters) {
      this.filters = filters;
    }
  }

  private record Standing(String subscriptionId, Supplier<List<Filter>> filters, Consumer<Event> sink) {}

  private record PendingOk(Promise<RelayMessage.Ok> promise, long timer) {}

  private final Settings settings;
  private final Clock clock;
  private final Deque<Fetch> waiting = new ArrayDeque<>();
  private final Map<String, Fetch> open = new HashMap<>();
  private final Map<String, Standing> standing = new HashMap<>();
  private final Map<String, PendingOk> oks = new HashMap<>();
  private final List<Runnable> onConnect = new CopyOnWriteArrayList<>();
  private RelaySocket socket;
  private long sequence;
  private volatile boolean connected;
  /** When the connection was last lost (or the link started): what the relay may hold that we did not see. */
  private volatile long lastDownEpochSecond;

  public RelayLink(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    lastDownEpochSecond = clock.instant().getEpochSecond();
    socket = new RelaySocket(vertx, settings.url(), settings.authRelayUrl(), settings.authKeys(), settings.backoff(), clock, new SocketEvents());
    socket.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    connected = false;
    socket.close();
    LinkDown down = new LinkDown("the sidecar is stopping");
    waiting.forEach(f -> f.promise.tryFail(down));
    open.values().forEach(f -> f.promise.tryFail(down));
    oks.values().forEach(p -> p.promise().tryFail(down));
    return Future.succeededFuture();
  }

  /** Whether the connection is open now; any thread. */
  public boolean connected() {
    return connected;
  }

  /**
   * The last moment the relay was seen up before the connection was lost (or the link
   * started): a subscription sent again after a reconnect needs events from then on.
   */
  public long lastSeenUpEpochSecond() {
    return lastDownEpochSecond;
  }

  /** The event loop every future of this link completes on. */
  public Context loop() {
    return context;
  }

  /** Connections made after the first one. */
  public long reconnects() {
    return socket == null ? 0 : socket.reconnects();
  }

  /** Runs {@code action} on this loop after every (re)connection; any thread. */
  public void onConnect(Runnable action) {
    onConnect.add(action);
  }

  /** Every stored event matching the filters, as the relay sends them up to EOSE; any thread. */
  public Future<List<Event>> fetch(List<Filter> filters) {
    Fetch fetch = new Fetch(List.copyOf(filters));
    context.runOnContext(v -> {
      waiting.addLast(fetch);
      pump();
    });
    return fetch.promise.future();
  }

  /**
   * A subscription kept open for as long as the sidecar runs: sent now if connected and again
   * after every reconnect, each time with the filters {@code filters} gives then. Any thread.
   */
  public void subscribe(String name, Supplier<List<Filter>> filters, Consumer<Event> sink) {
    context.runOnContext(v -> {
      Standing s = new Standing(name, filters, sink);
      standing.put(name, s);
      if (connected) {
        send(s);
      }
    });
  }

  /** Sends the event and completes with the relay's OK; fails with {@link LinkDown} when unanswered. */
  public Future<RelayMessage.Ok> publish(Event event) {
    Promise<RelayMessage.Ok> promise = Promise.promise();
    context.runOnContext(v -> {
      if (!connected) {
        promise.fail(new LinkDown("not connected to the relay"));
        return;
      }
      PendingOk already = oks.get(event.id());
      if (already != null) {
        // the same event from two sources at once: one EVENT, one OK for both
        already.promise().future().onComplete(promise);
        return;
      }
      long timer = vertx.setTimer(settings.requestTimeout().toMillis(), t -> {
        PendingOk late = oks.remove(event.id());
        if (late != null) {
          late.promise().tryFail(new LinkDown("no OK for " + event.id() + " within " + settings.requestTimeout()));
        }
      });
      oks.put(event.id(), new PendingOk(promise, timer));
      socket.send(new ClientMessage.Publish(event));
    });
    return promise.future();
  }

  /** The socket's reports, on this loop. */
  private final class SocketEvents implements RelaySocket.Listener {
    @Override
    public void opened() {
      linkOpened();
    }

    @Override
    public void authenticated() {
      // a REQ refused for want of authentication may go again at once
      pump();
    }

    @Override
    public void message(RelayMessage message) {
      received(message);
    }

    @Override
    public void lost(String why) {
      linkLost(why);
    }
  }

  private void linkOpened() {
    connected = true;
    standing.values().forEach(this::send);
    pump();
    onConnect.forEach(Runnable::run);
  }

  private void linkLost(String why) {
    connected = false;
    lastDownEpochSecond = clock.instant().getEpochSecond();
    List<Fetch> again = new ArrayList<>(open.values());
    open.clear();
    for (int i = again.size() - 1; i >= 0; i--) {
      Fetch f = again.get(i);
      vertx.cancelTimer(f.timer);
      f.events.clear();
      waiting.addFirst(f);
    }
    LinkDown down = new LinkDown("connection to the relay lost: " + why);
    List<PendingOk> lost = new ArrayList<>(oks.values());
    oks.clear();
    lost.forEach(p -> {
      vertx.cancelTimer(p.timer());
      p.promise().tryFail(down);
    });
  }

  private void received(RelayMessage message) {
    if (message instanceof RelayMessage.EventMessage e) {
      event(e);
    } else if (message instanceof RelayMessage.Eose e) {
      eose(e.subscriptionId());
    } else if (message instanceof RelayMessage.Closed c) {
      closed(c);
    } else if (message instanceof RelayMessage.Ok ok) {
      PendingOk pending = oks.remove(ok.eventId());
      if (pending != null) {
        vertx.cancelTimer(pending.timer());
        pending.promise().tryComplete(ok);
      }
    } else if (message instanceof RelayMessage.Notice n) {
      log.info("relay notice: {}", n.message());
    } else {
      log.debug("ignored relay message {}", message);
    }
  }

  private void event(RelayMessage.EventMessage e) {
    Fetch fetch = open.get(e.subscriptionId());
    if (fetch != null) {
      fetch.events.add(e.event());
      return;
    }
    Standing s = standing.get(e.subscriptionId());
    if (s != null) {
      s.sink().accept(e.event());
    }
  }

  private void eose(String subscriptionId) {
    Fetch fetch = open.remove(subscriptionId);
    if (fetch == null) {
      return;
    }
    vertx.cancelTimer(fetch.timer);
    socket.send(new ClientMessage.Close(subscriptionId));
    fetch.promise.tryComplete(List.copyOf(fetch.events));
    pump();
  }

  private void closed(RelayMessage.Closed closed) {
    Standing s = standing.get(closed.subscriptionId());
    if (s != null) {
      log.warn("relay closed the live subscription {}: {}; opening it again", s.subscriptionId(), closed.message());
      vertx.setTimer(settings.backoff().delay(2).toMillis(), t -> {
        if (connected && standing.get(s.subscriptionId()) == s) {
          send(s);
        }
      });
      return;
    }
    Fetch fetch = open.remove(closed.subscriptionId());
    if (fetch == null) {
      return;
    }
    vertx.cancelTimer(fetch.timer);
    fetch.events.clear();
    boolean worthRetrying = MachinePrefix.of(closed.message())
        .map(p -> p == MachinePrefix.RATE_LIMITED || p == MachinePrefix.AUTH_REQUIRED || p == MachinePrefix.ERROR)
        .orElse(false);
    if (worthRetrying && ++fetch.refusals < MAX_REFUSALS) {
      vertx.setTimer(settings.backoff().delay(fetch.refusals).toMillis(), t -> {
        waiting.addFirst(fetch);
        pump();
      });
    } else {
      fetch.promise.tryFail(new IllegalStateException("the relay refused a REQ: " + closed.message()));
    }
    pump();
  }

  private void pump() {
    while (connected && open.size() < settings.maxOpenReqs() && !waiting.isEmpty()) {
      Fetch fetch = waiting.pollFirst();
      fetch.subscriptionId = "q" + (++sequence);
      open.put(fetch.subscriptionId, fetch);
      fetch.timer = vertx.setTimer(settings.requestTimeout().toMillis(), t -> timedOut(fetch));
      socket.send(new ClientMessage.Req(fetch.subscriptionId, fetch.filters));
    }
  }

  private void timedOut(Fetch fetch) {
    if (open.remove(fetch.subscriptionId) == fetch) {
      socket.send(new ClientMessage.Close(fetch.subscriptionId));
      fetch.promise.tryFail(new LinkDown("no EOSE within " + settings.requestTimeout() + " for " + fetch.subscriptionId));
      pump();
    }
  }

  private void send(Standing s) {
    socket.send(new ClientMessage.Req(s.subscriptionId(), s.filters().get()));
  }
}
