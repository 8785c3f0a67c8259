package dev.graspsync.it.security;

import dev.graspsync.sync.dial.TestAuthority;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST FIXTURE: TLS in front of a plain relay on loopback, with a certificate of the test's own
 * authority, so the relay becomes a wss:// relay under whatever name the certificate gives it.
 * Counts the connections whose TLS handshake succeeded.
 */
final class TlsFront implements AutoCloseable {
  private final NetServer server;
  private final NetClient client;
  private final AtomicInteger handshakes = new AtomicInteger();

  private TlsFront(Vertx vertx, TestAuthority.Issued certificate, int relayPort) {
    client = vertx.createNetClient();
    server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions()
            .setCertValue(Buffer.buffer(certificate.certificatePem()))
            .setKeyValue(Buffer.buffer(certificate.keyPem()))));
    server.connectHandler(in -> {
      handshakes.incrementAndGet(); // a TLS server's handler runs once the handshake is done
      in.pause();
      client.connect(relayPort, "127.0.0.1").onComplete(ar -> {
        if (ar.failed()) {
          in.close();
          return;
        }
        in.pipeTo(ar.result());
        ar.result().pipeTo(in);
        in.resume();
      });
    });
  }

  static TlsFront start(Vertx vertx, TestAuthority.Issued certificate, int relayPort) {
    TlsFront front = new TlsFront(vertx, certificate, relayPort);
    front.server.listen().await();
    return front;
  }

  int port() {
    return server.actualPort();
  }

  int handshakes() {
    return handshakes.get();
  }

  @Override
  public void close() {
    server.close().await();
    client.close().await();
  }
}
