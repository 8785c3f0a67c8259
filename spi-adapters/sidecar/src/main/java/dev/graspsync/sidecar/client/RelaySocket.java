package dev.graspsync.sidecar.client;

import dev.graspsync.nostr.crypto.AuthEvents;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.message.ClientMessage;
import dev.graspsync.nostr.message.RelayMessage;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one WebSocket to the operator's relay, kept open: it connects, reconnects with backoff
 * whenever the connection ends, answers NIP-42 challenges with the sidecar's key, and hands
 * every other relay message to its listener. All on the owner's event loop.
 */
final class RelaySocket {
  private static final Logger log = LoggerFactory.getLogger(RelaySocket.class);
  private static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

  /** What the socket reports, on the owner's event loop. */
  interface Listener {
    void opened();

    /** The relay accepted the sidecar's NIP-42 authentication. */
    void authenticated();

    void message(RelayMessage message);

    void lost(String why);
  }

  private final Vertx vertx;
  private final String url;
  private final String authRelayUrl;
  private final Optional<Keys> authKeys;
  private final Backoff backoff;
  private final Clock clock;
  private final Listener listener;
  private final WebSocketClient client;
  private final RelayWriter writer = new RelayWriter();
  private Optional<WebSocket> socket = Optional.empty();
  private Optional<String> authEventId = Optional.empty();
  private int failures;
  private long reconnects;
  private boolean closing;

  RelaySocket(Vertx vertx, String url, String authRelayUrl, Optional<Keys> authKeys, Backoff backoff, Clock clock,
      Listener listener) {
    this.vertx = vertx;
    this.url = url;
    this.authRelayUrl = authRelayUrl;
    this.authKeys = authKeys;
    this.backoff = backoff;
    this.clock = clock;
    this.listener = listener;
    this.client = vertx.createWebSocketClient(
        new WebSocketClientOptions().setMaxFrameSize(MAX_FRAME_BYTES).setMaxMessageSize(MAX_FRAME_BYTES));
  }

  void start() {
    connect();
  }

  boolean isOpen() {
    return socket.isPresent();
  }

  /** Connections made after the first. */
  long reconnects() {
    return reconnects;
  }

  RelayWriter writer() {
    return writer;
  }

  boolean send(ClientMessage message) {
    return writer.send(message);
  }

  void close() {
    closing = true;
    socket.ifPresent(WebSocket::close);
    client.close();
  }

  private void connect() {
    if (closing) {
      return;
    }
    URI uri = URI.create(url);
    boolean ssl = "wss".equals(uri.getScheme().toLowerCase(Locale.ROOT));
    int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
    String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost(uri.getHost()).setPort(port).setURI(path).setSsl(ssl);
    client.connect(options).onComplete(ar -> {
      if (ar.succeeded()) {
        opened(ar.result());
      } else {
        retry("cannot connect: " + ar.cause().getMessage());
      }
    });
  }

  private void opened(WebSocket ws) {
    if (closing) {
      ws.close();
      return;
    }
    if (failures > 0 || reconnects > 0 || socket.isPresent()) {
      reconnects++;
    }
    failures = 0;
    socket = Optional.of(ws);
    writer.attach(ws);
    ws.textMessageHandler(this::frame);
    ws.exceptionHandler(e -> log.debug("relay socket error: {}", e.getMessage()));
    ws.closeHandler(v -> {
      if (socket.filter(s -> s == ws).isPresent()) {
        socket = Optional.empty();
        writer.detach();
        listener.lost("connection closed");
        retry("connection closed");
      }
    });
    log.info("connected to {}", url);
    listener.opened();
  }

  private void retry(String why) {
    if (closing) {
      return;
    }
    failures++;
    long delay = backoff.delay(failures).toMillis();
    log.warn("relay {}: {}; reconnecting in {} ms", url, why, delay);
    vertx.setTimer(Math.max(1, delay), t -> connect());
  }

  private void frame(String text) {
    RelayReader.read(text).ifPresent(message -> {
      if (message instanceof RelayMessage.AuthChallenge challenge) {
        authenticate(challenge.challenge());
      } else if (message instanceof RelayMessage.Ok ok && authEventId.filter(ok.eventId()::equals).isPresent()) {
        authEventId = Optional.empty();
        if (ok.accepted()) {
          log.info("authenticated to {}", url);
          listener.authenticated();
        } else {
          log.warn("relay {} refused the sidecar's authentication: {}", url, ok.message());
        }
      } else {
        listener.message(message);
      }
    });
  }

  private void authenticate(String challenge) {
    if (authKeys.isEmpty()) {
      log.debug("relay {} asks for authentication; no sidecar.auth-secret-key is set", url);
      return;
    }
    Event auth = AuthEvents.create(challenge, authRelayUrl, authKeys.get(), clock.instant().getEpochSecond());
    authEventId = Optional.of(auth.id());
    writer.send(new ClientMessage.Auth(auth));
  }
}
