package dev.graspsync.host.server.neg;

import dev.graspsync.host.config.NegentropySettings;
import dev.graspsync.nostr.event.Hex;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.message.ClientMessage;
import dev.graspsync.nostr.message.MachinePrefix;
import dev.graspsync.nostr.message.RelayMessage;
import dev.graspsync.nostr.negentropy.Negentropy;
import dev.graspsync.nostr.negentropy.NegentropyException;
import dev.graspsync.nostr.negentropy.PackedStorage;
import dev.graspsync.spi.EventStore;
import dev.graspsync.spi.TooManyKeysException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NIP-77 reconciliations of one connection, each keyed by its subscription id. Runs on the
 * connection's event loop: the store's keys are read on its read pool and come back here; the
 * responder itself is cheap (range fingerprints never rescan the set) and runs on the loop.
 * Every failure ends that reconciliation with a NEG-ERR and leaves the others alone.
 */
public final class NegSessions {
  private static final Logger log = LoggerFactory.getLogger(NegSessions.class);
  private static final Pattern NEG_FRAME = Pattern.compile("\\s*\\[\\s*\"NEG-");

  private final Vertx vertx;
  private final EventStore store;
  private final NegentropySettings settings;
  private final Consumer<RelayMessage> send;
  private final String peer;
  private final Map<String, Session> open = new HashMap<>();
  private boolean closed;

  /** One reconciliation: its responder once the keys are read, and its idle timer. */
  private static final class Session {
    final String id;
    Optional<Negentropy> responder = Optional.empty();
    long idleTimer;

    Session(String id) {
      this.id = id;
    }
  }

  public NegSessions(
      Vertx vertx, EventStore store, NegentropySettings settings, Consumer<RelayMessage> send, String peer) {
    this.vertx = vertx;
    this.store = store;
    this.settings = settings;
    this.send = send;
    this.peer = peer;
  }

  /**
   * Whether a frame that failed to decode was a NEG-* message, which NIP-77 answers with
   * NEG-ERR rather than CLOSED.
   */
  public static boolean isNegFrame(String text) {
    return NEG_FRAME.matcher(text).lookingAt();
  }

  /** Refuses a NEG-* frame that failed to decode. */
  public void refuseMalformed(String subscriptionId, String reason) {
    end(subscriptionId);
    error(subscriptionId, reason);
  }

  /** Handles NEG-OPEN, NEG-MSG and NEG-CLOSE; other messages are not this class's. */
  public void handle(ClientMessage message) {
    if (message instanceof ClientMessage.NegOpen o) {
      negOpen(o.subscriptionId(), o.filter(), o.messageHex());
    } else if (message instanceof ClientMessage.NegMsg m) {
      negMsg(m.subscriptionId(), m.messageHex());
    } else if (message instanceof ClientMessage.NegClose c) {
      end(c.subscriptionId());
    }
  }

  /** The connection closed: forget every reconciliation and stop their timers. */
  public void closeAll() {
    closed = true;
    open.values().forEach(s -> vertx.cancelTimer(s.idleTimer));
    open.clear();
  }

  public int openCount() {
    return open.size();
  }

  private void negOpen(String id, Filter filter, String initialHex) {
    // NIP-77: a NEG-OPEN for an open id replaces that reconciliation
    end(id);
    if (open.size() >= settings.maxOpenPerConnection()) {
      error(id, MachinePrefix.BLOCKED.with("too many open reconciliations (at most "
          + settings.maxOpenPerConnection() + " per connection); NEG-CLOSE finished ones"));
      return;
    }
    Optional<byte[]> initial = decode(id, initialHex);
    if (initial.isEmpty()) {
      return;
    }
    Session session = new Session(id);
    open.put(id, session);
    touch(session);
    store.keys(filter, settings.maxRecords()).onComplete(keys -> loaded(session, keys, initial.get()));
  }

  private void loaded(Session session, AsyncResult<PackedStorage> keys, byte[] initial) {
    if (closed || open.get(session.id) != session) {
      return; // closed or replaced while the keys were read
    }
    if (keys.failed()) {
      if (keys.cause() instanceof TooManyKeysException) {
        fail(session, MachinePrefix.BLOCKED.with("too many records: the filter matches more than "
            + settings.maxRecords() + " events; narrow it with since/until"));
      } else {
        log.warn("connection {}: reading keys for NEG-OPEN '{}' failed", peer, session.id, keys.cause());
        fail(session, MachinePrefix.ERROR.with("could not read stored events"));
      }
      return;
    }
    session.responder = Optional.of(Negentropy.responder(keys.result(), settings.frameSizeLimit()));
    answer(session, initial);
  }

  private void negMsg(String id, String hex) {
    Session session = open.get(id);
    if (session == null) {
      error(id, closed("no open reconciliation with this id"));
      return;
    }
    if (session.responder.isEmpty()) {
      fail(session, MachinePrefix.INVALID.with("NEG-MSG before the relay answered NEG-OPEN"));
      return;
    }
    Optional<byte[]> message = decode(id, hex);
    if (message.isEmpty()) {
      end(id);
      return;
    }
    touch(session);
    answer(session, message.get());
  }

  private void answer(Session session, byte[] message) {
    byte[] reply;
    try {
      reply = session.responder.orElseThrow().respond(message);
    } catch (NegentropyException e) {
      fail(session, MachinePrefix.INVALID.with("bad negentropy message: " + e.getMessage()));
      return;
    }
    send.accept(new RelayMessage.NegMsg(session.id, Hex.encode(reply)));
  }

  private Optional<byte[]> decode(String id, String hex) {
    try {
      return Optional.of(Hex.decode(hex));
    } catch (IllegalArgumentException e) {
      error(id, MachinePrefix.INVALID.with("the negentropy message is not lower-case hex: " + e.getMessage()));
      return Optional.empty();
    }
  }

  /** (Re)arms the idle timer: a reconciliation the client stops driving is closed. */
  private void touch(Session session) {
    vertx.cancelTimer(session.idleTimer);
    long ms = settings.idleTimeout().toMillis();
    session.idleTimer = vertx.setTimer(ms, t -> {
      if (open.get(session.id) == session) {
        fail(session, closed("idle for more than " + settings.idleTimeout().toSeconds()
            + " s; open a new reconciliation"));
      }
    });
  }

  private void fail(Session session, String reason) {
    end(session.id);
    error(session.id, reason);
  }

  private void end(String id) {
    Session session = open.remove(id);
    if (session != null) {
      vertx.cancelTimer(session.idleTimer);
    }
  }

  /** NIP-77's prefix for a reconciliation the relay ended. */
  private static String closed(String why) {
    return "closed: " + why;
  }

  private void error(String id, String reason) {
    send.accept(new RelayMessage.NegErr(id, reason));
  }
}
