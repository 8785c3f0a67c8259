package dev.graspsync.sync.nip11;

import dev.graspsync.sync.dial.DialTarget;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.TrustOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches NIP-11 relay information documents: HTTP GET on the relay's URL (ws→http,
 * wss→https) with {@code Accept: application/nostr+json}.
 *
 * <p>The returned future never fails: a missing, unreadable, oversize ({@code maxBodyBytes},
 * default 64 KiB) or late document gives a {@link RelayInfoResult} whose info is empty, and
 * is counted. The request goes to the address the caller checked ({@link DialTarget}), with the
 * relay's name in {@code Host} and for TLS; redirects are not followed: the address was vetted
 * by the caller (private addresses and the like), a redirect target was not.
 *
 * <p>Thread-safe; keep one per plugin and {@link #close()} it on stop (Vert.x 5 closes
 * unreachable clients, so the client lives in a field here).
 */
public final class RelayInfoFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(RelayInfoFetcher.class);

  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  /** How fetches ended so far. */
  public record Counts(long found, long missing, long garbage, long unreachable) {}

  private final Vertx vertx;
  private final HttpClientAgent client;
  private final int maxBodyBytes;
  private final LongAdder found = new LongAdder();
  private final LongAdder missing = new LongAdder();
  private final LongAdder garbage = new LongAdder();
  private final LongAdder unreachable = new LongAdder();

  public RelayInfoFetcher(Vertx vertx) {
    this(vertx, DEFAULT_MAX_BODY_BYTES, Optional.empty());
  }

  /** {@code trust}: the authorities an https certificate may chain to; the JVM's defaults when empty. */
  public RelayInfoFetcher(Vertx vertx, int maxBodyBytes, Optional<TrustOptions> trust) {
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("nip11 max body bytes must be positive, got " + maxBodyBytes);
    }
    this.vertx = vertx;
    this.maxBodyBytes = maxBodyBytes;
    // one request per relay now and then: no point keeping idle connections to hundreds of hosts
    HttpClientOptions options = new HttpClientOptions().setKeepAlive(false).setVerifyHost(true);
    trust.map(TrustOptions::copy).ifPresent(options::setTrustOptions);
    this.client = vertx.createHttpClient(options);
  }

  /**
   * The document of the relay at {@code relayUrl} (ws, wss, http or https), within {@code
   * timeout}, asked of {@code target}'s address.
   */
  public Future<RelayInfoResult> fetch(String relayUrl, DialTarget target, Duration timeout) {
    RequestOptions options;
    try {
      options = requestFor(relayUrl, timeout);
      options.setServer(target.server(options.getPort()));
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(counted(new RelayInfoResult.Unreachable(e.getMessage())));
    }
    Pending result = new Pending();
    AtomicReference<HttpClientRequest> request = new AtomicReference<>();
    long timer =
        vertx.setTimer(
            Math.max(1, timeout.toMillis()),
            id -> {
              if (finish(result, new RelayInfoResult.Unreachable("no document within " + timeout))) {
                HttpClientRequest r = request.get();
                if (r != null) {
                  r.reset();
                }
              }
            });
    client
        .request(options)
        .compose(
            r -> {
              request.set(r);
              return r.send();
            })
        .onComplete(
            ar -> {
              if (ar.failed()) {
                finish(result, new RelayInfoResult.Unreachable(String.valueOf(ar.cause().getMessage())));
              } else {
                read(ar.result(), request.get(), result);
              }
            });
    return result.promise.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  public Counts counts() {
    return new Counts(found.sum(), missing.sum(), garbage.sum(), unreachable.sum());
  }

  public Future<Void> close() {
    return client.close();
  }

  private void read(HttpClientResponse response, HttpClientRequest request, Pending result) {
    // set first: resetting a request whose response has no exception handler logs an error
    response.exceptionHandler(
        e -> finish(result, new RelayInfoResult.Unreachable(String.valueOf(e.getMessage()))));
    if (response.statusCode() != 200) {
      finish(result, new RelayInfoResult.Missing(response.statusCode()));
      request.reset();
      return;
    }
    String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && declaredTooLong(length)) {
      finish(result, new RelayInfoResult.Garbage("document larger than " + maxBodyBytes + " bytes"));
      request.reset();
      return;
    }
    Buffer body = Buffer.buffer();
    response.handler(
        chunk -> {
          if (body.length() + chunk.length() > maxBodyBytes) {
            if (finish(result, new RelayInfoResult.Garbage("document larger than " + maxBodyBytes + " bytes"))) {
              request.reset();
            }
            return;
          }
          body.appendBuffer(chunk);
        });
    response.endHandler(v -> {
      if (!result.promise.future().isComplete()) {
        finish(result, RelayInfoParser.parse(body.getBytes()));
      }
    });
  }

  private boolean declaredTooLong(String length) {
    try {
      return Long.parseLong(length.trim()) > maxBodyBytes;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * The first outcome wins. It is counted before the future completes, so whoever waits on
   * the future sees the counts that include it (the timer and the response may race on
   * different threads).
   */
  private boolean finish(Pending result, RelayInfoResult outcome) {
    if (result.settled.compareAndSet(false, true)) {
      counted(outcome);
      result.promise.complete(outcome);
      if (!(outcome instanceof RelayInfoResult.Found)) {
        LOG.debug("NIP-11: {}", outcome);
      }
      return true;
    }
    return false;
  }

  /** One fetch's result, settled once by whichever of timer and response comes first. */
  private static final class Pending {
    final Promise<RelayInfoResult> promise = Promise.promise();
    final java.util.concurrent.atomic.AtomicBoolean settled = new java.util.concurrent.atomic.AtomicBoolean();
  }

  private RelayInfoResult counted(RelayInfoResult outcome) {
    if (outcome instanceof RelayInfoResult.Found) {
      found.increment();
    } else if (outcome instanceof RelayInfoResult.Missing) {
      missing.increment();
    } else if (outcome instanceof RelayInfoResult.Garbage) {
      garbage.increment();
    } else {
      unreachable.increment();
    }
    return outcome;
  }

  static RequestOptions requestFor(String relayUrl, Duration timeout) {
    URI uri;
    try {
      uri = new URI(relayUrl);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a relay URL: " + relayUrl);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean ssl =
        switch (scheme) {
          case "wss", "https" -> true;
          case "ws", "http" -> false;
          default -> throw new IllegalArgumentException("not a ws(s) or http(s) URL: " + relayUrl);
        };
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("relay URL has no host: " + relayUrl);
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    long millis = Math.max(1, timeout.toMillis());
    return new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setHost(host)
        .setPort(uri.getPort() >= 0 ? uri.getPort() : (ssl ? 443 : 80))
        .setSsl(ssl)
        .setURI(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery())
        .setFollowRedirects(false)
        .setConnectTimeout(millis)
        .setIdleTimeout(millis)
        .putHeader(HttpHeaders.ACCEPT, "application/nostr+json");
  }
}
