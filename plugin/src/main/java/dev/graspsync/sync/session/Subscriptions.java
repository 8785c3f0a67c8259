package dev.graspsync.sync.session;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.message.ClientMessage;
import dev.graspsync.nostr.message.MachinePrefix;
import dev.graspsync.sync.session.OpenSubscription.Kind;
import dev.graspsync.sync.session.SubscriptionOutcome.AuthRequired;
import dev.graspsync.sync.session.SubscriptionOutcome.Cancelled;
import dev.graspsync.sync.session.SubscriptionOutcome.Disconnected;
import dev.graspsync.sync.session.SubscriptionOutcome.HistoryComplete;
import dev.graspsync.sync.session.SubscriptionOutcome.PageLimitReached;
import dev.graspsync.sync.session.SubscriptionOutcome.RateLimited;
import dev.graspsync.sync.session.SubscriptionOutcome.Refused;
import dev.graspsync.sync.session.SubscriptionOutcome.TimedOut;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions of one session: opening them, routing what the relay says about them
 * (EVENT, EOSE, CLOSED), paging history and deadlines; {@link Deliveries} hands the events to
 * listeners under the in-flight bounds. Runs on the session's context only.
 */
final class Subscriptions {
  private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

  /** What the subscriptions need from the connection. */
  interface Wire {
    boolean isOpen();

    void send(ClientMessage message);

    void pause();

    void resume();
  }

  private final Context context;
  private final Wire wire;
  private final SessionConfig config;
  private final Scheduler scheduler;
  private final CounterSet counters;
  private final Nip42Auth auth;
  private final SubscriptionIds ids;
  private final Deliveries deliveries;
  private final Map<String, OpenSubscription> byId = new LinkedHashMap<>();
  private final Map<String, OpenSubscription> byWireId = new HashMap<>();
  private PagingCaps caps = PagingCaps.unknown();
  /** We asked to close: what the relay still says changes nothing; all end as Cancelled. */
  private boolean closing;

  Subscriptions(
      Context context,
      Thread owner,
      Wire wire,
      SessionConfig config,
      Scheduler scheduler,
      CounterSet counters,
      Nip42Auth auth,
      SubscriptionIds ids,
      InFlightBudget budget) {
    this.context = context;
    this.wire = wire;
    this.config = config;
    this.scheduler = scheduler;
    this.counters = counters;
    this.auth = auth;
    this.ids = ids;
    this.deliveries = new Deliveries(context, owner, wire, config, budget, counters, this::afterSettle);
  }

  void maxLimit(OptionalInt maxLimit) {
    caps = caps.withMaxLimit(maxLimit);
  }

  Deliveries deliveries() {
    return deliveries;
  }

  int openCount() {
    return byId.size();
  }

  String open(Kind kind, List<Filter> filters, SubscriptionListener listener) {
    if (filters.isEmpty()) {
      throw new IllegalArgumentException("a subscription needs at least one filter");
    }
    List<PagedFilter> first =
        kind == Kind.HISTORY
            ? HistoryPaging.firstPage(filters, config.historyPageLimit(), caps.maxLimit())
            : filters.stream().map(f -> new PagedFilter(f, Set.of())).toList();
    String id = ids.next();
    OpenSubscription sub =
        new OpenSubscription(id, kind, listener, new PageTally(first, kind == Kind.HISTORY), config.dedupeCapacity());
    byId.put(id, sub);
    if (!wire.isOpen()) {
      // told on a later turn, so the caller has its id before the outcome arrives
      context.runOnContext(v -> end(sub, new Disconnected("not connected", sub.stats())));
      return id;
    }
    sendPage(sub, id, first);
    return id;
  }

  /** We end a subscription; false when it is not open. */
  boolean cancel(String id) {
    OpenSubscription sub = byId.get(id);
    if (sub == null || sub.ended()) {
      return false;
    }
    closeOnWire(sub);
    end(sub, new Cancelled(sub.stats()));
    return true;
  }

  void onEvent(String wireId, Event event) {
    if (closing) {
      counters.increment(SessionCounter.EVENTS_RECEIVED);
      return;
    }
    if (deliveries.holding()) {
      deliveries.later(() -> onEvent(wireId, event));
      return;
    }
    counters.increment(SessionCounter.EVENTS_RECEIVED);
    OpenSubscription sub = byWireId.get(wireId);
    if (sub == null) {
      counters.increment(SessionCounter.DROPPED_UNASKED);
      return;
    }
    sub.received++;
    sub.progressSinceArmed = true;
    if (!sub.page.record(event)) {
      sub.unmatched++;
      counters.increment(SessionCounter.DROPPED_UNASKED);
      return;
    }
    if (!sub.delivered.add(event.id())) {
      sub.duplicates++;
      counters.increment(SessionCounter.DROPPED_DUPLICATE);
      return;
    }
    deliveries.deliver(sub, event);
  }

  void onEose(String wireId) {
    if (closing) {
      return;
    }
    if (deliveries.holding()) {
      deliveries.later(() -> onEose(wireId));
      return;
    }
    OpenSubscription sub = byWireId.get(wireId);
    if (sub == null) {
      LOG.debug("EOSE for {}, not an open subscription", wireId);
      return;
    }
    if (sub.kind == Kind.LIVE) {
      cancelTimer(sub);
      if (!sub.liveAnnounced) {
        sub.liveAnnounced = true;
        try {
          sub.listener.onLive();
        } catch (RuntimeException e) {
          LOG.warn("subscription listener failed on live", e);
        }
      }
      return;
    }
    PageResult page = sub.page.result();
    PagingCaps before = caps;
    PageDecision decision = HistoryPaging.nextPage(page, before);
    caps = caps.observe(page).withSilentCap(decision.silentCapSeen());
    closeOnWire(sub);
    sub.paging.add(decision);
    if (sub.paging.done()) {
      end(sub, new HistoryComplete(sub.stats(), sub.paging.unfinished(caps)));
    } else if (sub.pages >= config.maxHistoryPages()) {
      LOG.warn("subscription {} stopped after {} history pages", sub.id, sub.pages);
      sub.paging.stopAtPageLimit();
      end(sub, new PageLimitReached(sub.stats(), sub.paging.unfinished(caps)));
    } else {
      sendPage(sub, ids.next(), sub.paging.takeRequest());
    }
  }

  /** CLOSED from the relay: see {@link ClosedReason} for what each prefix leads to. */
  void onClosed(String wireId, String message) {
    if (closing) {
      return;
    }
    if (deliveries.holding()) {
      deliveries.later(() -> onClosed(wireId, message));
      return;
    }
    OpenSubscription sub = byWireId.remove(wireId);
    if (sub == null) {
      LOG.debug("CLOSED for {}, not an open subscription: {}", wireId, message);
      return;
    }
    counters.increment(SessionCounter.CLOSED_BY_RELAY);
    sub.wireId = "";
    cancelTimer(sub);
    switch (ClosedReason.of(message)) {
      case RATE_LIMITED -> end(sub, new RateLimited(message, sub.stats()));
      case REFUSED -> end(sub, new Refused(MachinePrefix.of(message), message, sub.stats()));
      case AUTH_REQUIRED -> onAuthRequired(sub, message);
    }
  }

  private void onAuthRequired(OpenSubscription sub, String message) {
    boolean authenticated = auth.state() == Nip42Auth.State.ACCEPTED;
    if (!auth.hasKeys() || sub.authRetried || auth.state() == Nip42Auth.State.REFUSED) {
      end(sub, new AuthRequired(message, authenticated, sub.stats()));
      return;
    }
    sub.authRetried = true;
    sub.authMessage = message;
    if (authenticated) {
      // our AUTH was accepted after the relay had refused this REQ: ask again
      sendPage(sub, ids.next(), sub.page.filters());
      return;
    }
    sub.awaitingAuth = true;
    long generation = ++sub.timerGeneration;
    sub.timerId =
        scheduler.schedule(
            config.authTimeout(),
            () -> {
              if (sub.timerGeneration == generation && sub.awaitingAuth && !sub.ended()) {
                sub.awaitingAuth = false;
                sub.timerId = OpenSubscription.NO_TIMER;
                end(sub, new AuthRequired(sub.authMessage, false, sub.stats()));
              }
            });
  }

  /** The relay answered our AUTH: subscriptions waiting for it are asked again or fail. */
  void onAuthSettled(boolean accepted) {
    for (OpenSubscription sub : new ArrayList<>(byId.values())) {
      if (!sub.awaitingAuth || sub.ended()) {
        continue;
      }
      sub.awaitingAuth = false;
      cancelTimer(sub);
      if (accepted) {
        sendPage(sub, ids.next(), sub.page.filters());
      } else {
        end(sub, new AuthRequired(sub.authMessage + " (AUTH refused: " + auth.lastMessage() + ")",
            false, sub.stats()));
      }
    }
  }

  /**
   * We are closing the connection: nothing more is handed over (see {@link Deliveries#close}),
   * and no EOSE still on its way completes a subscription whose events were not all handed over.
   */
  void stopDelivering() {
    closing = true;
    deliveries.close();
  }

  /**
   * The connection is gone: every subscription ends, and what the session holds of the
   * host-wide in-flight budget goes back to it.
   */
  void endAll(Disconnection disconnection) {
    deliveries.close();
    for (OpenSubscription sub : new ArrayList<>(byId.values())) {
      sub.wireId = "";
      end(sub, disconnection.requested()
          ? new Cancelled(sub.stats())
          : new Disconnected(disconnection.reason(), sub.stats()));
    }
    byWireId.clear();
  }

  private void sendPage(OpenSubscription sub, String wireId, List<PagedFilter> filters) {
    sub.page = new PageTally(filters, sub.kind == Kind.HISTORY);
    sub.wireId = wireId;
    sub.pages++;
    byWireId.put(wireId, sub);
    wire.send(new ClientMessage.Req(wireId, filters.stream().map(PagedFilter::filter).toList()));
    armEoseTimer(sub);
  }

  private void closeOnWire(OpenSubscription sub) {
    if (sub.onWire()) {
      byWireId.remove(sub.wireId);
      if (wire.isOpen()) {
        wire.send(new ClientMessage.Close(sub.wireId));
      }
      sub.wireId = "";
    }
  }

  private void armEoseTimer(OpenSubscription sub) {
    cancelTimer(sub);
    sub.progressSinceArmed = false;
    long generation = ++sub.timerGeneration;
    sub.timerId = scheduler.schedule(config.eoseTimeout(), () -> onEoseDeadline(sub, generation));
  }

  private void onEoseDeadline(OpenSubscription sub, long generation) {
    if (sub.timerGeneration != generation || sub.ended() || !sub.onWire()) {
      return;
    }
    sub.timerId = OpenSubscription.NO_TIMER;
    if (sub.progressSinceArmed || deliveries.readingPaused()) {
      // events keep coming, or we are the ones not reading: not the relay's silence
      armEoseTimer(sub);
      return;
    }
    closeOnWire(sub);
    end(sub, new TimedOut(config.eoseTimeout(), sub.stats()));
  }

  private void cancelTimer(OpenSubscription sub) {
    sub.timerGeneration++;
    if (sub.timerId != OpenSubscription.NO_TIMER) {
      scheduler.cancel(sub.timerId);
      sub.timerId = OpenSubscription.NO_TIMER;
    }
  }

  private void end(OpenSubscription sub, SubscriptionOutcome outcome) {
    if (sub.ended()) {
      return;
    }
    if (sub.onWire()) {
      byWireId.remove(sub.wireId);
      sub.wireId = "";
    }
    cancelTimer(sub);
    sub.awaitingAuth = false;
    byId.remove(sub.id);
    sub.ending = Optional.of(outcome);
    if (sub.inFlight == 0) {
      tell(sub);
    }
  }

  private void tell(OpenSubscription sub) {
    sub.told = true;
    try {
      sub.listener.onOutcome(sub.ending.orElseThrow());
    } catch (RuntimeException e) {
      LOG.warn("subscription listener failed on its outcome", e);
    }
  }

  private void afterSettle(OpenSubscription sub) {
    if (sub.ended() && !sub.told && sub.inFlight == 0) {
      tell(sub);
    }
  }
}
