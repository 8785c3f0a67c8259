package dev.graspsync.sync.dial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.session.OnLoop;
import dev.graspsync.sync.session.RelaySession;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.TrustOptions;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wss:// relays on loopback with certificates of a certificate authority made for this test:
 * the session dials the checked address while TLS verifies the relay's name, verification is
 * never off, a private CA is trusted only through the trusted-certificates file, and each
 * refused handshake says why.
 */
class TlsDialTest {
  private static final String NAME = "relay.grasp.test";
  private static Vertx vertx;
  private static TestAuthority authority;
  private static TrustOptions trustingTheAuthority;
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private final List<String> hostHeaders = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    vertx = Vertx.vertx();
    authority = TestAuthority.create("grasp-sync test CA");
    trustingTheAuthority = TrustedCertificates.withDefaultsAnd(authority.writeCertificate(dir.resolve("ca.pem")));
  }

  @AfterAll
  static void stop() {
    OnLoop.await(vertx.close());
  }

  @AfterEach
  void closeServers() {
    servers.forEach(s -> OnLoop.await(s.close()));
  }

  @Test
  void aCertificateOfATrustedAuthorityForTheRelaysNameIsAccepted() {
    int port = wssRelay(authority.issue(NAME));

    Optional<FailureCause> failure = connect(port, Optional.of(trustingTheAuthority));

    assertThat(failure).isEmpty();
    // dialled 127.0.0.1, yet the name went to the relay: in Host, and in TLS (its certificate
    // names only the relay, so verification against the address would have failed)
    assertThat(hostHeaders).containsExactly(NAME + ":" + port);
  }

  @Test
  void aCertificateForAnotherNameIsRefusedAsHostnameMismatch() {
    int port = wssRelay(authority.issue("elsewhere.grasp.test"));

    Optional<FailureCause> failure = connect(port, Optional.of(trustingTheAuthority));

    assertThat(failure).map(FailureCause::reason).hasValue(ConnectFailure.TLS_HOSTNAME_MISMATCH);
    assertThat(hostHeaders).isEmpty();
  }

  @Test
  void aPrivateAuthorityIsUntrustedWithoutTheTrustedCertificatesFile() {
    int port = wssRelay(authority.issue(NAME));

    Optional<FailureCause> failure = connect(port, Optional.empty());

    assertThat(failure).map(FailureCause::reason).hasValue(ConnectFailure.TLS_UNTRUSTED);
    assertThat(hostHeaders).isEmpty();
  }

  @Test
  void anotherAuthorityStaysUntrustedWhenTheFileTrustsOne() {
    int port = wssRelay(TestAuthority.create("someone else's CA").issue(NAME));

    Optional<FailureCause> failure = connect(port, Optional.of(trustingTheAuthority));

    assertThat(failure).map(FailureCause::reason).hasValue(ConnectFailure.TLS_UNTRUSTED);
  }

  @Test
  void anExpiredCertificateIsRefusedAsExpired() {
    Instant now = Instant.now();
    int port = wssRelay(authority.issue(NAME, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))));

    Optional<FailureCause> failure = connect(port, Optional.of(trustingTheAuthority));

    assertThat(failure).map(FailureCause::reason).hasValue(ConnectFailure.TLS_EXPIRED);
    assertThat(failure.orElseThrow().detail()).doesNotContain("\n");
  }

  @Test
  void aRelayThatSpeaksNoTlsIsAProtocolFailure() {
    HttpServer plain = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(req -> req.response().end("hello"));
    OnLoop.await(plain.listen());
    servers.add(plain);

    Optional<FailureCause> failure = connect(plain.actualPort(), Optional.of(trustingTheAuthority));

    assertThat(failure).map(FailureCause::reason).hasValue(ConnectFailure.TLS_PROTOCOL);
  }

  /** Connects as the sync does: to 127.0.0.1, for {@code wss://NAME:port}. */
  private Optional<FailureCause> connect(int port, Optional<TrustOptions> trust) {
    OnLoop loop = new OnLoop(vertx);
    DialTarget target = new DialTarget(NAME, InetAddress.getLoopbackAddress());
    RelaySession session = loop.call(() -> RelaySession.builder(vertx, "wss://" + NAME + ":" + port + "/")
        .dialTarget(target).trust(trust).build());
    CompletableFuture<Optional<Throwable>> outcome = new CompletableFuture<>();
    loop.run(() -> session.connect(Duration.ofSeconds(10))
        .onComplete(ar -> outcome.complete(ar.failed() ? Optional.of(ar.cause()) : Optional.empty())));
    Optional<Throwable> failure = outcome.orTimeout(20, TimeUnit.SECONDS).join();
    if (failure.isEmpty()) {
      loop.await(session::close);
    }
    return failure.map(FailureCause::of);
  }

  private int wssRelay(TestAuthority.Issued certificate) {
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
            .setKeyCertOptions(new PemKeyCertOptions()
                .setCertValue(Buffer.buffer(certificate.certificatePem()))
                .setKeyValue(Buffer.buffer(certificate.keyPem()))))
        .webSocketHandler(ws -> hostHeaders.add(String.valueOf(ws.authority())));
    OnLoop.await(server.listen());
    servers.add(server);
    return server.actualPort();
  }
}
