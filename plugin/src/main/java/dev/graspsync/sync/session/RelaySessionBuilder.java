package dev.graspsync.sync.session;

import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.sync.dial.DialTarget;
import io.vertx.core.net.TrustOptions;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** Collects a session's parts; only the URL is required. */
public final class RelaySessionBuilder {
  final Vertx vertx;
  final String url;
  SessionConfig config = SessionConfig.defaults();
  Optional<Keys> keys = Optional.empty();
  SessionListener listener = SessionListener.NONE;
  SessionMetrics metrics = SessionMetrics.NONE;
  Optional<Scheduler> scheduler = Optional.empty();
  Clock clock = Clock.systemUTC();
  InFlightBudget budget = InFlightBudget.unlimited();
  Optional<DialTarget> dialTarget = Optional.empty();
  Optional<TrustOptions> trust = Optional.empty();

  RelaySessionBuilder(Vertx vertx, String url) {
    this.vertx = Objects.requireNonNull(vertx);
    this.url = Objects.requireNonNull(url);
  }

  public RelaySessionBuilder config(SessionConfig value) {
    config = Objects.requireNonNull(value);
    return this;
  }

  /** The key that answers NIP-42 challenges; without one, AUTH is never attempted. */
  public RelaySessionBuilder keys(Optional<Keys> value) {
    keys = Objects.requireNonNull(value);
    return this;
  }

  public RelaySessionBuilder listener(SessionListener value) {
    listener = Objects.requireNonNull(value);
    return this;
  }

  public RelaySessionBuilder metrics(SessionMetrics value) {
    metrics = Objects.requireNonNull(value);
    return this;
  }

  /** Timers for the EOSE/AUTH/connect deadlines; Vert.x timers by default. */
  public RelaySessionBuilder scheduler(Scheduler value) {
    scheduler = Optional.of(value);
    return this;
  }

  /** Time for live {@code since} and AUTH {@code created_at}; the system clock by default. */
  public RelaySessionBuilder clock(Clock value) {
    clock = Objects.requireNonNull(value);
    return this;
  }

  /**
   * The host-wide cap on events in flight this session shares with others (reading pauses
   * while it is spent); by default the session's own, unlimited: only {@code max-in-flight}
   * bounds it.
   */
  public RelaySessionBuilder budget(InFlightBudget value) {
    budget = Objects.requireNonNull(value);
    return this;
  }

  /**
   * The checked address to connect to; TLS and the HTTP {@code Host} header keep the URL's
   * name. Without one, the URL's host is resolved by Vert.x (tests, IP literals).
   */
  public RelaySessionBuilder dialTarget(DialTarget value) {
    dialTarget = Optional.of(value);
    return this;
  }

  /** The authorities a wss:// certificate may chain to; the JVM's defaults when empty. */
  public RelaySessionBuilder trust(Optional<TrustOptions> value) {
    trust = Objects.requireNonNull(value);
    return this;
  }

  /**
   * Builds the session bound to the current event-loop context.
   *
   * @throws IllegalStateException off an event-loop context
   * @throws IllegalArgumentException for a URL that is not ws:// or wss://
   */
  public RelaySession build() {
    Context context = Vertx.currentContext();
    if (context == null || !context.isEventLoopContext()) {
      throw new IllegalStateException("build a RelaySession on its owner's event-loop context");
    }
    return new RelaySession(this, context);
  }
}
