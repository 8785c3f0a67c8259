package dev.graspsync.sync.dial;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolNegotiator;
import io.netty.handler.ssl.SslContext;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSessionContext;

/**
 * A client TLS context whose engines always name the relay as their peer, whatever address the
 * socket was opened to: the JDK sends that name as SNI and verifies the certificate against it
 * (the delegate sets the endpoint identification algorithm, so verification stays on).
 */
final class PinnedNameSslContext extends SslContext {
  private final SslContext delegate;
  private final String name;

  PinnedNameSslContext(SslContext delegate, String name) {
    this.delegate = delegate;
    this.name = name;
  }

  @Override
  public boolean isClient() {
    return delegate.isClient();
  }

  @Override
  public List<String> cipherSuites() {
    return delegate.cipherSuites();
  }

  @Override
  @SuppressWarnings("deprecation")
  public ApplicationProtocolNegotiator applicationProtocolNegotiator() {
    return delegate.applicationProtocolNegotiator();
  }

  @Override
  public SSLEngine newEngine(ByteBufAllocator alloc) {
    return delegate.newEngine(alloc, name, -1);
  }

  @Override
  public SSLEngine newEngine(ByteBufAllocator alloc, String peerHost, int peerPort) {
    return delegate.newEngine(alloc, name, peerPort);
  }

  @Override
  public SSLSessionContext sessionContext() {
    return delegate.sessionContext();
  }
}
