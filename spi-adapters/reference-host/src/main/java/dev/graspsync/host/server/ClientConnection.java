package dev.graspsync.host.server;

import dev.graspsync.host.server.neg.NegSessions;
import dev.graspsync.host.wire.EventFrame;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.message.ClientMessage;
import dev.graspsync.nostr.message.Decoded;
import dev.graspsync.nostr.message.MachinePrefix;
import dev.graspsync.nostr.message.MessageCodec;
import dev.graspsync.nostr.message.RelayMessage;
import dev.graspsync.spi.IngestSource;
import dev.graspsync.spi.IngestVerdict;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client WebSocket: reads NIP-01 messages, answers them, and owns the connection's
 * subscriptions and rate limit. Everything here runs on the connection's event loop; results
 * from the engine are brought back to it before they touch state. A message that fails in
 * any way is answered or counted and dropped; the connection and every other one go on.
 */
final class ClientConnection {
  private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);
  /** Reading pauses while this many EVENTs wait for the store, and resumes at half. */
  private static final int MAX_PENDING_INGESTS = 256;

  private final ServerWebSocket socket;
  private final Context context;
  private final Thread eventLoop;
  private final RelayServices services;
  private final SubscriptionIndex<Subscription> liveIndex;
  private final Outbound out;
  private final TokenBucket eventRate;
  private final IngestSource source;
  private final Map<String, Subscription> subscriptions = new HashMap<>();
  private final NegSessions negentropy;
  private int pendingIngests;
  private boolean readingPaused;
  private boolean closed;

  ClientConnection(ServerWebSocket socket, RelayServices services, SubscriptionIndex<Subscription> liveIndex, Outbound out) {
    this.socket = socket;
    this.context = Vertx.currentContext();
    this.eventLoop = Thread.currentThread();
    this.services = services;
    this.liveIndex = liveIndex;
    this.out = out;
    this.eventRate = new TokenBucket(services.limits().eventsPerSecond(), services.limits().eventsBurst(), services.clock());
    this.source = IngestSource.client(String.valueOf(socket.remoteAddress()));
    this.negentropy = new NegSessions(
        context.owner(), services.engine().store(), services.negentropy(), this::send, source.name());
  }

  void start() {
    services.metrics().connectionOpened();
    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(b -> {
      services.metrics().badMessage("binary");
      notice(MachinePrefix.INVALID.with("binary messages are not part of NIP-01; send JSON text"));
    });
    socket.exceptionHandler(e -> log.debug("connection {}: {}", source.name(), e.toString()));
    socket.closeHandler(v -> onClosed());
  }

  // ---- reading ----

  private void onText(String text) {
    try {
      long size = RequestChecks.utf8Length(text);
      if (size > services.limits().maxMessageBytes()) {
        services.metrics().badMessage("oversize");
        notice(MachinePrefix.INVALID.with("message of " + size + " bytes is over max_message_length "
            + services.limits().maxMessageBytes()));
        return;
      }
      Decoded<ClientMessage> decoded = MessageCodec.decodeClient(text);
      if (decoded instanceof Decoded.Ok<ClientMessage> ok) {
        dispatch(ok.message());
      } else if (decoded instanceof Decoded.Malformed<ClientMessage> bad) {
        services.metrics().badMessage("malformed");
        String reason = withPrefix(bad.reason());
        if (bad.subscriptionId().isPresent() && NegSessions.isNegFrame(text)) {
          negentropy.refuseMalformed(bad.subscriptionId().get(), reason);
        } else if (bad.subscriptionId().isPresent()) {
          closedSub(bad.subscriptionId().get(), reason);
        } else {
          EventIdPeek.of(text).ifPresentOrElse(
              id -> send(new RelayMessage.Ok(id, false, reason)), () -> notice(reason));
        }
      }
    } catch (RuntimeException e) {
      services.metrics().handlerError();
      log.warn("connection {}: failed to handle a message", source.name(), e);
      notice(MachinePrefix.ERROR.with("the relay could not handle that message"));
    }
  }

  private void dispatch(ClientMessage message) {
    services.metrics().message(typeOf(message));
    if (message instanceof ClientMessage.Publish p) {
      publish(p.event());
    } else if (message instanceof ClientMessage.Req r) {
      req(r.subscriptionId(), r.filters());
    } else if (message instanceof ClientMessage.Close c) {
      close(c.subscriptionId());
    } else if (message instanceof ClientMessage.Count c) {
      count(c.subscriptionId(), c.filters());
    } else if (message instanceof ClientMessage.Auth a) {
      send(new RelayMessage.Ok(a.event().id(), false,
          MachinePrefix.RESTRICTED.with("this relay does not ask for NIP-42 authentication")));
    } else {
      negentropy.handle(message); // NEG-OPEN, NEG-MSG, NEG-CLOSE
    }
  }

  // ---- EVENT ----

  private void publish(Event event) {
    if (!eventRate.tryTake()) {
      services.metrics().eventResult(MachinePrefix.RATE_LIMITED.word());
      send(new RelayMessage.Ok(event.id(), false, MachinePrefix.RATE_LIMITED.with(
          "more than " + services.limits().eventsPerSecond() + " events per second; slow down")));
      return;
    }
    pendingIngests++;
    if (pendingIngests >= MAX_PENDING_INGESTS && !readingPaused) {
      readingPaused = true;
      socket.pause();
    }
    Future<IngestVerdict> verdict;
    try {
      verdict = services.engine().ingest(event, source);
    } catch (RuntimeException e) {
      verdict = Future.failedFuture(e);
    }
    verdict.onComplete(ar -> onLoop(() -> {
      pendingIngests--;
      if (readingPaused && pendingIngests <= MAX_PENDING_INGESTS / 2) {
        readingPaused = false;
        socket.resume();
      }
      if (ar.failed()) {
        log.warn("connection {}: could not store event {}", source.name(), event.id(), ar.cause());
        services.metrics().eventResult(MachinePrefix.ERROR.word());
        send(new RelayMessage.Ok(event.id(), false, MachinePrefix.ERROR.with("could not store the event; try again")));
        return;
      }
      send(okFor(event.id(), ar.result()));
    }));
  }

  private RelayMessage.Ok okFor(String eventId, IngestVerdict verdict) {
    if (verdict instanceof IngestVerdict.Accepted) {
      services.metrics().eventResult("accepted");
      return new RelayMessage.Ok(eventId, true, "");
    }
    if (verdict instanceof IngestVerdict.Duplicate) {
      services.metrics().eventResult(MachinePrefix.DUPLICATE.word());
      return new RelayMessage.Ok(eventId, true, MachinePrefix.DUPLICATE.with("already have this event"));
    }
    String reason = withPrefix(((IngestVerdict.Rejected) verdict).reason());
    services.metrics().eventResult(MachinePrefix.of(reason).map(MachinePrefix::word).orElse("rejected"));
    return new RelayMessage.Ok(eventId, false, reason);
  }

  // ---- REQ / CLOSE / COUNT ----

  private void req(String id, List<Filter> filters) {
    Subscription previous = subscriptions.get(id);
    var refusal = RequestChecks.req(id, filters.size(), subscriptions.size(), previous != null, services.limits());
    if (refusal.isPresent()) {
      services.metrics().badMessage("req-refused");
      closedSub(id, refusal.get());
      return;
    }
    if (previous != null) {
      drop(previous);
    }
    Subscription sub = new Subscription(this, id, filters);
    subscriptions.put(id, sub);
    services.metrics().subscriptionsChanged(1);
    liveIndex.add(sub, filters);
    streamStored(sub);
  }

  private void streamStored(Subscription sub) {
    Future<Void> done;
    try {
      done = services.engine().query(sub.filters(), sequence -> onLoop(() -> sub.snapshotTaken(sequence)),
          page -> sendPage(sub, page));
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onComplete(ar -> onLoop(() -> {
      if (sub.isClosed()) {
        return;
      }
      if (ar.failed()) {
        log.warn("connection {}: stored query for '{}' failed", source.name(), sub.id(), ar.cause());
        closedSub(sub.id(), MachinePrefix.ERROR.with("could not read stored events"));
        drop(sub);
        return;
      }
      send(new RelayMessage.Eose(sub.id()));
      for (LiveEvent held : sub.goLive()) {
        out.sendEvent(sub.prefix(), held.frame());
      }
    }));
  }

  /** Sends one page of stored events; the next page is read once the socket has room. */
  private Future<Void> sendPage(Subscription sub, List<Event> page) {
    Promise<Void> next = Promise.promise();
    onLoop(() -> {
      if (sub.isClosed() || closed) {
        next.tryFail("subscription closed");
        return;
      }
      for (Event event : page) {
        out.sendEvent(sub.prefix(), EventFrame.of(event));
      }
      out.whenRoom().onComplete(next);
    });
    return next.future();
  }

  private void close(String id) {
    Subscription sub = subscriptions.get(id);
    if (sub != null) {
      drop(sub);
    }
  }

  private void count(String id, List<Filter> filters) {
    var refusal = RequestChecks.subscriptionId(id, services.limits())
        .or(() -> RequestChecks.filterCount(filters.size(), services.limits()));
    if (refusal.isPresent()) {
      closedSub(id, refusal.get());
      return;
    }
    Future<Long> n;
    try {
      n = services.engine().count(filters);
    } catch (RuntimeException e) {
      n = Future.failedFuture(e);
    }
    n.onComplete(ar -> onLoop(() -> {
      if (ar.succeeded()) {
        send(new RelayMessage.CountResult(id, ar.result()));
      } else {
        log.warn("connection {}: count failed", source.name(), ar.cause());
        closedSub(id, MachinePrefix.ERROR.with("could not count stored events"));
      }
    }));
  }

  private void drop(Subscription sub) {
    sub.close();
    liveIndex.remove(sub);
    if (subscriptions.remove(sub.id(), sub)) {
      services.metrics().subscriptionsChanged(-1);
    }
  }

  // ---- live events (called by the verticle's fan-out, on this loop) ----

  /** Whether the event went out to this subscription now (not held, dropped or refused). */
  boolean deliverLive(Subscription sub, LiveEvent event) {
    if (sub.isClosed() || closed || sub.storedQuerySaw(event)) {
      return false;
    }
    if (out.overloaded()) {
      services.metrics().slowConsumer();
      closedSub(sub.id(), MachinePrefix.ERROR.with("client is not reading fast enough; subscribe again with since"));
      drop(sub);
      return false;
    }
    if (sub.isLive()) {
      out.sendEvent(sub.prefix(), event.frame());
      return true;
    }
    if (!sub.hold(event)) {
      services.metrics().slowConsumer();
      closedSub(sub.id(), MachinePrefix.ERROR.with("too many new events while stored ones were sent; subscribe again"));
      drop(sub);
    }
    return false;
  }

  // ---- writing and lifecycle ----

  private void send(RelayMessage message) {
    out.send(MessageCodec.encode(message));
  }

  private void notice(String message) {
    send(new RelayMessage.Notice(message));
  }

  private void closedSub(String id, String reason) {
    send(new RelayMessage.Closed(id, reason));
  }

  private void onClosed() {
    if (closed) {
      return;
    }
    closed = true;
    out.closed();
    negentropy.closeAll();
    for (Subscription sub : new ArrayList<>(subscriptions.values())) {
      drop(sub);
    }
    services.metrics().connectionClosed();
  }

  /** Runs on this connection's event loop, at once when already there. */
  private void onLoop(Runnable action) {
    if (Thread.currentThread() == eventLoop) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  private static String withPrefix(String reason) {
    return MachinePrefix.of(reason).isPresent() ? reason : MachinePrefix.INVALID.with(reason);
  }

  private static String typeOf(ClientMessage m) {
    if (m instanceof ClientMessage.Publish) {
      return "EVENT";
    } else if (m instanceof ClientMessage.Req) {
      return "REQ";
    } else if (m instanceof ClientMessage.Close) {
      return "CLOSE";
    } else if (m instanceof ClientMessage.Count) {
      return "COUNT";
    } else if (m instanceof ClientMessage.Auth) {
      return "AUTH";
    } else if (m instanceof ClientMessage.NegOpen) {
      return "NEG-OPEN";
    } else if (m instanceof ClientMessage.NegMsg) {
      return "NEG-MSG";
    }
    return "NEG-CLOSE";
  }
}
