package dev.graspsync.sync.nip11;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.dial.DialTarget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** NIP-11 fetches against a loopback HTTP server. */
class RelayInfoFetcherTest {
  private static Vertx vertx;
  private static RelayInfoFetcher fetcher;
  private HttpServer server;
  private final List<String> accepts = new CopyOnWriteArrayList<>();
  private final List<String> hosts = new CopyOnWriteArrayList<>();
  private static final DialTarget LOOPBACK = new DialTarget("127.0.0.1", InetAddress.getLoopbackAddress());

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    fetcher = new RelayInfoFetcher(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    await(fetcher.close());
    await(vertx.close());
  }

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      await(server.close());
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private String serve(Consumer<HttpServerRequest> handler) throws Exception {
    server = vertx.createHttpServer().requestHandler(req -> {
      accepts.add(String.valueOf(req.getHeader("Accept")));
      hosts.add(String.valueOf(req.authority()));
      handler.accept(req);
    });
    await(server.listen(0, "127.0.0.1"));
    return "ws://127.0.0.1:" + server.actualPort();
  }

  private RelayInfoResult fetch(String url, Duration timeout) throws Exception {
    return await(fetcher.fetch(url, LOOPBACK, timeout));
  }

  @Test
  void fetchesAGoodDocumentOverHttpForAWsUrl() throws Exception {
    String url = serve(req -> req.response().putHeader("Content-Type", "application/nostr+json")
        .end("{\"supported_nips\":[1,11],\"limitation\":{\"max_limit\":100}}"));
    RelayInfoFetcher.Counts before = fetcher.counts();

    RelayInfoResult r = fetch(url, Duration.ofSeconds(5));

    assertThat(r).isInstanceOf(RelayInfoResult.Found.class);
    assertThat(r.info().limitation().maxLimit()).hasValue(100);
    assertThat(accepts).containsExactly("application/nostr+json");
    assertThat(fetcher.counts().found()).isEqualTo(before.found() + 1);
  }

  @Test
  void garbageGivesAnEmptyInfoAndIsCounted() throws Exception {
    String url = serve(req -> req.response().end("<html>welcome</html>"));
    long before = fetcher.counts().garbage();

    RelayInfoResult r = fetch(url, Duration.ofSeconds(5));

    assertThat(r).isInstanceOf(RelayInfoResult.Garbage.class);
    assertThat(r.info()).isEqualTo(RelayInfo.EMPTY);
    assertThat(fetcher.counts().garbage()).isEqualTo(before + 1);
  }

  @Test
  void notFoundIsMissing() throws Exception {
    String url = serve(req -> req.response().setStatusCode(404).end("no"));
    assertThat(fetch(url, Duration.ofSeconds(5))).isEqualTo(new RelayInfoResult.Missing(404));
  }

  @Test
  void aRedirectIsNotFollowed() throws Exception {
    List<String> redirected = new CopyOnWriteArrayList<>();
    HttpServer target = vertx.createHttpServer().requestHandler(req -> {
      redirected.add(req.uri());
      req.response().end("{}");
    });
    await(target.listen(0, "127.0.0.1"));
    try {
      String url = serve(req -> req.response().setStatusCode(302)
          .putHeader("Location", "http://127.0.0.1:" + target.actualPort() + "/metadata").end());

      assertThat(fetch(url, Duration.ofSeconds(5))).isEqualTo(new RelayInfoResult.Missing(302));
      assertThat(redirected).isEmpty();
    } finally {
      await(target.close());
    }
  }

  @Test
  void asksTheCheckedAddressWithTheRelaysNameAsHost() throws Exception {
    String url = serve(req -> req.response().end("{\"name\":\"named\"}"));
    int port = server.actualPort();
    // .invalid never resolves (RFC 6761): the document can only come from the address given
    RelayInfoResult r = fetch(url.replace("127.0.0.1", "relay.invalid"), Duration.ofSeconds(5));

    assertThat(r).isInstanceOf(RelayInfoResult.Found.class);
    assertThat(hosts).containsExactly("relay.invalid:" + port);
  }

  @Test
  void aSlowRelayIsUnreachableWithinTheTimeout() throws Exception {
    String url = serve(req -> {}); // never answers
    long start = System.nanoTime();

    RelayInfoResult r = fetch(url, Duration.ofMillis(300));

    assertThat(r).isInstanceOf(RelayInfoResult.Unreachable.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void anOversizeDocumentIsGarbageWhetherDeclaredOrStreamed() throws Exception {
    String big = "{\"name\":\"" + "x".repeat(100 * 1024) + "\"}";
    String url = serve(req -> {
      if (req.path().equals("/chunked")) {
        req.response().setChunked(true);
        for (int i = 0; i < 10; i++) {
          req.response().write(big.substring(i * big.length() / 10, (i + 1) * big.length() / 10));
        }
        req.response().end();
      } else {
        req.response().end(big);
      }
    });
    assertThat(fetch(url, Duration.ofSeconds(5))).isInstanceOf(RelayInfoResult.Garbage.class);
    assertThat(fetch(url + "/chunked", Duration.ofSeconds(5))).isInstanceOf(RelayInfoResult.Garbage.class);
  }

  @Test
  void nothingListeningIsUnreachable() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertThat(fetch("wss://127.0.0.1:" + port, Duration.ofSeconds(2))).isInstanceOf(RelayInfoResult.Unreachable.class);
    assertThat(fetch("ftp://127.0.0.1", Duration.ofSeconds(2))).isInstanceOf(RelayInfoResult.Unreachable.class);
  }
}
