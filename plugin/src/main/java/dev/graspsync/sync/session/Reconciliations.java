package dev.graspsync.sync.session;

import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.message.ClientMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NIP-77 side of a session: open reconciliations by id, each with an inactivity deadline,
 * and the routing of NEG-MSG, NEG-ERR, CLOSED and NOTICE to them. It speaks only the wire
 * (hex payloads); what the payloads mean is the caller's negentropy instance. Owned by the
 * session's event loop, like everything of a session.
 */
final class Reconciliations {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciliations.class);

  private final Consumer<ClientMessage> wire;
  private final Scheduler scheduler;
  private final SubscriptionIds ids = new SubscriptionIds("ng" + Long.toString(System.nanoTime() & 0xFFFFF, 36) + "-");
  private final Map<String, Open> open = new HashMap<>();

  Reconciliations(Consumer<ClientMessage> wire, Scheduler scheduler) {
    this.wire = wire;
    this.scheduler = scheduler;
  }

  private static final class Open {
    final ReconciliationListener listener;
    final Duration timeout;
    long timer = -1;
    boolean answered;

    Open(ReconciliationListener listener, Duration timeout) {
      this.listener = listener;
      this.timeout = timeout;
    }
  }

  String open(Filter filter, String initialHex, Duration timeout, ReconciliationListener listener) {
    String id = ids.next();
    Open o = new Open(listener, timeout);
    open.put(id, o);
    arm(id, o);
    wire.accept(new ClientMessage.NegOpen(id, filter, initialHex));
    return id;
  }

  void send(String id, String messageHex) {
    Open o = open.get(id);
    if (o != null) {
      arm(id, o);
      wire.accept(new ClientMessage.NegMsg(id, messageHex));
    }
  }

  /** Sends NEG-CLOSE; the listener hears nothing more. */
  void close(String id) {
    Open o = open.remove(id);
    if (o != null) {
      scheduler.cancel(o.timer);
      wire.accept(new ClientMessage.NegClose(id));
    }
  }

  /** @return false when the id is not an open reconciliation (the caller counts it as unasked) */
  boolean onMessage(String id, String messageHex) {
    Open o = open.get(id);
    if (o == null) {
      return false;
    }
    o.answered = true;
    scheduler.cancel(o.timer);
    safely(() -> o.listener.onMessage(messageHex));
    return true;
  }

  boolean onError(String id, String reason) {
    return end(id, new NegEnd.Error(reason));
  }

  /** A CLOSED on one of our reconciliation ids; false for any other id (a REQ's). */
  boolean onClosed(String id, String message) {
    return end(id, new NegEnd.Closed(message));
  }

  /**
   * A relay that does not know NEG-OPEN typically says so in a NOTICE: it ends every
   * reconciliation still waiting for its first answer. Ones already answered are unaffected.
   */
  void onNotice(String message) {
    for (String id : List.copyOf(open.keySet())) {
      Open o = open.get(id);
      if (o != null && !o.answered) {
        end(id, new NegEnd.Notice(message));
      }
    }
  }

  void endAll(Disconnection d) {
    for (String id : new ArrayList<>(open.keySet())) {
      end(id, d.requested() ? new NegEnd.Cancelled() : new NegEnd.Disconnected(d.reason()));
    }
  }

  int openCount() {
    return open.size();
  }

  private void arm(String id, Open o) {
    scheduler.cancel(o.timer);
    o.timer = scheduler.schedule(o.timeout, () -> {
      if (open.get(id) == o) {
        // tell the relay too: it may still be working on it
        wire.accept(new ClientMessage.NegClose(id));
        end(id, new NegEnd.TimedOut(o.timeout));
      }
    });
  }

  private boolean end(String id, NegEnd end) {
    Open o = open.remove(id);
    if (o == null) {
      return false;
    }
    scheduler.cancel(o.timer);
    safely(() -> o.listener.onEnd(end));
    return true;
  }

  private static void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("reconciliation listener failed", e);
    }
  }
}
