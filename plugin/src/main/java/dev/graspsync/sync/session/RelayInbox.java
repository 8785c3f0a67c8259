package dev.graspsync.sync.session;

import dev.graspsync.nostr.message.ClientMessage;
import dev.graspsync.nostr.message.Decoded;
import dev.graspsync.nostr.message.MessageCodec;
import dev.graspsync.nostr.message.RelayMessage;
import io.vertx.core.http.WebSocketFrame;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link RelaySession} reads, on its owner's event loop: frames are assembled into
 * messages, decoded, and each goes to the part of the session it concerns (subscriptions,
 * reconciliations, NIP-42 AUTH, the listener). Oversize, malformed and unasked-for messages are
 * dropped and counted; a relay cannot make it throw.
 */
final class RelayInbox {
  /** The session's logger: a relay's drops are logged where its other session lines are. */
  private static final Logger LOG = LoggerFactory.getLogger(RelaySession.class);

  private final String url;
  private final int maxMessageBytes;
  private final CounterSet counters;
  private final FrameAssembler assembler;
  private final Subscriptions subscriptions;
  private final Reconciliations reconciliations;
  private final Nip42Auth auth;
  private final SessionListener listener;
  /** The session's way out: AUTH answers. */
  private final Consumer<ClientMessage> send;

  RelayInbox(String url, int maxMessageBytes, CounterSet counters, Subscriptions subscriptions,
      Reconciliations reconciliations, Nip42Auth auth, SessionListener listener, Consumer<ClientMessage> send) {
    this.url = url;
    this.maxMessageBytes = maxMessageBytes;
    this.counters = counters;
    this.assembler = new FrameAssembler(maxMessageBytes);
    this.subscriptions = subscriptions;
    this.reconciliations = reconciliations;
    this.auth = auth;
    this.listener = listener;
    this.send = send;
  }

  void onFrame(WebSocketFrame frame) {
    if (frame.isText() || frame.isBinary() || frame.isContinuation()) {
      counters.add(SessionCounter.BYTES_RECEIVED, frame.binaryData().length());
    }
    FrameAssembler.Assembled assembled = assembler.accept(frame);
    if (assembled instanceof FrameAssembler.Text text) {
      onMessage(text.text());
    } else if (assembled instanceof FrameAssembler.Oversize big) {
      counters.increment(SessionCounter.DROPPED_OVERSIZE);
      LOG.debug("relay {}: dropped a {}-byte message (max-message-bytes {})", url, big.bytes(), maxMessageBytes);
    } else if (assembled instanceof FrameAssembler.Binary) {
      counters.increment(SessionCounter.MALFORMED);
    }
  }

  private void onMessage(String text) {
    counters.increment(SessionCounter.MESSAGES_RECEIVED);
    Decoded<RelayMessage> decoded;
    try {
      decoded = MessageCodec.decodeRelay(text);
    } catch (RuntimeException e) {
      // the codec promises not to throw; a relay must not be able to prove it wrong
      decoded = new Decoded.Malformed<>("decoder failed: " + e);
    }
    if (decoded instanceof Decoded.Malformed<RelayMessage> bad) {
      counters.increment(SessionCounter.MALFORMED);
      LOG.debug("relay {}: malformed message: {}", url, bad.reason());
    } else if (decoded instanceof Decoded.Ok<RelayMessage> ok) {
      dispatch(ok.message());
    }
  }

  private void dispatch(RelayMessage message) {
    if (message instanceof RelayMessage.EventMessage event) {
      subscriptions.onEvent(event.subscriptionId(), event.event());
    } else if (message instanceof RelayMessage.Eose eose) {
      subscriptions.onEose(eose.subscriptionId());
    } else if (message instanceof RelayMessage.Closed closedMessage) {
      if (!reconciliations.onClosed(closedMessage.subscriptionId(), closedMessage.message())) {
        subscriptions.onClosed(closedMessage.subscriptionId(), closedMessage.message());
      }
    } else if (message instanceof RelayMessage.Notice notice) {
      counters.increment(SessionCounter.NOTICES);
      safely(() -> listener.onNotice(notice.message()));
      reconciliations.onNotice(notice.message());
    } else if (message instanceof RelayMessage.NegMsg neg
        && reconciliations.onMessage(neg.subscriptionId(), neg.messageHex())) {
      return;
    } else if (message instanceof RelayMessage.NegErr err && reconciliations.onError(err.subscriptionId(), err.reason())) {
      return;
    } else if (message instanceof RelayMessage.AuthChallenge challenge) {
      safely(() -> listener.onAuthChallenge(challenge.challenge()));
      auth.onChallenge(challenge.challenge()).ifPresent(send);
    } else if (message instanceof RelayMessage.Ok ok) {
      auth.onOk(ok).ifPresent(result -> {
        safely(() -> listener.onAuthResult(result));
        subscriptions.onAuthSettled(result.accepted());
      });
    } else {
      // COUNT, and NEG-* answers for reconciliations that are not open
      counters.increment(SessionCounter.DROPPED_UNASKED);
      LOG.debug("relay {}: unexpected {}", url, message.getClass().getSimpleName());
    }
  }

  private void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("session listener failed", e);
    }
  }
}
