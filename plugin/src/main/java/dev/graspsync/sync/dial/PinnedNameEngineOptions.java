package dev.graspsync.sync.dial;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * JDK TLS for a client that connects to a checked IP address but must speak TLS to the relay's
 * name. Vert.x's WebSocket client dials the host it is given and has no separate "server
 * address" (its HTTP client has one; its WebSocket client ignores it), so the session gives it
 * the address and these options put the name back where TLS needs it: the SNI extension, and
 * the peer host the certificate is verified against. One instance serves one relay.
 */
public final class PinnedNameEngineOptions extends JdkSSLEngineOptions {
  private final String name;

  public PinnedNameEngineOptions(String name) {
    this.name = name;
  }

  @Override
  public PinnedNameEngineOptions copy() {
    return new PinnedNameEngineOptions(name);
  }

  @Override
  public SslContextFactory sslContextFactory() {
    return new Factory(super.sslContextFactory(), name);
  }

  /** Vert.x's factory, with the relay's name as server name and the result pinned to it. */
  private static final class Factory implements SslContextFactory {
    private final SslContextFactory delegate;
    private final String name;

    Factory(SslContextFactory delegate, String name) {
      this.delegate = delegate;
      this.name = name;
    }

    @Override
    public SslContextFactory useAlpn(boolean useAlpn) {
      delegate.useAlpn(useAlpn);
      return this;
    }

    @Override
    public SslContextFactory forServer(ClientAuth clientAuth) {
      delegate.forServer(clientAuth);
      return this;
    }

    @Override
    public SslContextFactory forClient(SNIServerName serverName, String endpointIdentificationAlgorithm) {
      delegate.forClient(sniName().orElse(serverName), endpointIdentificationAlgorithm);
      return this;
    }

    @Override
    public SslContextFactory enabledProtocols(Set<String> protocols) {
      delegate.enabledProtocols(protocols);
      return this;
    }

    @Override
    public SslContextFactory keyMananagerFactory(KeyManagerFactory kmf) {
      delegate.keyMananagerFactory(kmf);
      return this;
    }

    @Override
    public SslContextFactory trustManagerFactory(TrustManagerFactory tmf) {
      delegate.trustManagerFactory(tmf);
      return this;
    }

    @Override
    public SslContextFactory enabledCipherSuites(Set<String> cipherSuites) {
      delegate.enabledCipherSuites(cipherSuites);
      return this;
    }

    @Override
    public SslContextFactory applicationProtocols(List<String> protocols) {
      delegate.applicationProtocols(protocols);
      return this;
    }

    @Override
    public SslContext create() throws SSLException {
      return new PinnedNameSslContext(delegate.create(), name);
    }

    /** An IP-literal relay has no name to send (SNI carries names only). */
    private Optional<SNIServerName> sniName() {
      if (name.indexOf(':') >= 0 || name.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
        return Optional.empty();
      }
      try {
        return Optional.of(new SNIHostName(name));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
  }
}
