package dev.graspsync.it.bench.infra;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Counting proxies sharing one Vert.x and one client (kept in a field: Vert.x closes clients
 * nothing references). Closing the farm closes every proxy.
 */
public final class ProxyFarm implements AutoCloseable {
  private final Vertx vertx;
  private final NetClient client;
  private final List<CountingProxy> proxies = new ArrayList<>();

  public ProxyFarm(Vertx vertx) {
    this.vertx = vertx;
    this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(10_000).setTcpNoDelay(true));
  }

  /** A proxy on a free loopback port in front of {@code relayUrl} (ws://host:port). */
  public CountingProxy open(String relayUrl) {
    URI uri = URI.create(relayUrl);
    CountingProxy proxy = new CountingProxy(
        vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true)),
        client, uri.getHost(), uri.getPort());
    proxy.server().listen().await();
    synchronized (proxies) {
      proxies.add(proxy);
    }
    return proxy;
  }

  public List<CountingProxy> proxies() {
    synchronized (proxies) {
      return List.copyOf(proxies);
    }
  }

  public void resetWindows() {
    proxies().forEach(CountingProxy::resetWindow);
  }

  @Override
  public void close() {
    List<Future<Void>> closing = new ArrayList<>();
    proxies().forEach(p -> closing.add(p.server().close()));
    Future.join(closing).await();
    client.close().await();
  }
}
