package dev.graspsync.sync.dial;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.UpgradeRejectedException;
import java.net.ConnectException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Causes nested the way the JDK and Vert.x nest them (the real handshakes are in TlsDialTest). */
class FailureCauseTest {

  @Test
  void aRefusedConnectionIsAConnectionFailure() {
    assertThat(FailureCause.of(new ConnectException("Connection refused: /127.0.0.1:9")).reason())
        .isEqualTo(ConnectFailure.CONNECTION);
  }

  @Test
  void aTimeoutIsATimeout() {
    assertThat(FailureCause.of(new IllegalStateException("connect to ws://x timed out after PT10S")).reason())
        .isEqualTo(ConnectFailure.TIMEOUT);
  }

  @Test
  void expiredWinsOverTheWrappersAroundIt() {
    SSLHandshakeException outer = handshake("Failed to create SSL connection",
        handshake("PKIX path validation failed", new CertificateExpiredException("NotAfter: yesterday")));

    assertThat(FailureCause.of(outer).reason()).isEqualTo(ConnectFailure.TLS_EXPIRED);
  }

  @Test
  void aNameMismatchIsNamed() {
    SSLHandshakeException outer = handshake("Failed to create SSL connection",
        new CertificateException("No subject alternative DNS name matching relay.test found."));

    assertThat(FailureCause.of(outer).reason()).isEqualTo(ConnectFailure.TLS_HOSTNAME_MISMATCH);
  }

  @Test
  void anUpgradeRefusedByTheServerIsAConnectionFailure() {
    assertThat(FailureCause.of(new UpgradeRejectedException("WebSocket upgrade failure: 404", 404, io.vertx.core.MultiMap.caseInsensitiveMultiMap(), io.vertx.core.buffer.Buffer.buffer())).reason())
        .isEqualTo(ConnectFailure.CONNECTION);
  }

  @Test
  void theDetailIsOneShortLine() {
    FailureCause cause = FailureCause.of(handshake("bad\r\nforged line " + "x".repeat(500), null));

    assertThat(cause.reason()).isEqualTo(ConnectFailure.TLS_PROTOCOL);
    assertThat(cause.detail()).doesNotContain("\n", "\r").hasSizeLessThanOrEqualTo(201);
  }

  private static SSLHandshakeException handshake(String message, Throwable cause) {
    SSLHandshakeException e = new SSLHandshakeException(message);
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }
}
