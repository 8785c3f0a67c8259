package dev.graspsync.it.bench.infra;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback in front of one relay that counts what crosses it: bytes each way,
 * EVENT messages served, and subscriptions (REQ, CLOSE, CLOSED) so the most subscriptions
 * ever open at once through it is known exactly, not sampled. Gives a relay URL of its own,
 * so several proxies make one relay server look like several relays.
 */
public final class CountingProxy {
  private final NetServer server;
  private final NetClient client;
  private final String targetHost;
  private final int targetPort;
  private final AtomicLong bytesFromRelay = new AtomicLong();
  private final AtomicLong bytesToRelay = new AtomicLong();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong reqs = new AtomicLong();
  private final AtomicLong closes = new AtomicLong();
  private final AtomicLong closed = new AtomicLong();
  private final AtomicLong connections = new AtomicLong();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger maxOpen = new AtomicInteger();

  CountingProxy(NetServer server, NetClient client, String targetHost, int targetPort) {
    this.server = server;
    this.client = client;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    server.connectHandler(this::accept);
  }

  public String url() {
    return "ws://127.0.0.1:" + server.actualPort();
  }

  public int port() {
    return server.actualPort();
  }

  public ProxyCounts counts() {
    return new ProxyCounts(bytesFromRelay.get(), bytesToRelay.get(), events.get(), reqs.get(), closes.get(),
        closed.get(), open.get(), maxOpen.get(), connections.get());
  }

  /** Starts a new counting window: counters to zero, the maximum to what is open now. */
  public void resetWindow() {
    bytesFromRelay.set(0);
    bytesToRelay.set(0);
    events.set(0);
    reqs.set(0);
    closes.set(0);
    closed.set(0);
    connections.set(0);
    maxOpen.set(open.get());
  }

  NetServer server() {
    return server;
  }

  private void accept(NetSocket downstream) {
    connections.incrementAndGet();
    downstream.pause();
    client.connect(targetPort, targetHost).onComplete(ar -> {
      if (ar.failed()) {
        downstream.close();
        return;
      }
      new Link(downstream, ar.result()).start();
    });
  }

  /** One client connection and its subscriptions. */
  private final class Link {
    private final NetSocket downstream;
    private final NetSocket upstream;
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    private final WsFrameScanner fromClient = new WsFrameScanner(this::clientMessage);
    private final WsFrameScanner fromRelay = new WsFrameScanner(this::relayMessage);
    private boolean done;

    Link(NetSocket downstream, NetSocket upstream) {
      this.downstream = downstream;
      this.upstream = upstream;
    }

    void start() {
      downstream.handler(b -> forward(b, downstream, upstream, bytesToRelay, fromClient));
      upstream.handler(b -> forward(b, upstream, downstream, bytesFromRelay, fromRelay));
      downstream.closeHandler(v -> end());
      upstream.closeHandler(v -> end());
      downstream.exceptionHandler(e -> end());
      upstream.exceptionHandler(e -> end());
      downstream.resume();
    }

    private void forward(Buffer data, NetSocket from, NetSocket to, AtomicLong bytes, WsFrameScanner scanner) {
      bytes.addAndGet(data.length());
      scanner.feed(data);
      to.write(data);
      if (to.writeQueueFull()) {
        from.pause();
        to.drainHandler(v -> from.resume());
      }
    }

    private void clientMessage(byte[] prefix, int length) {
      NostrFramePrefix.parse(prefix, length).ifPresent(m -> {
        if ("REQ".equals(m.type())) {
          reqs.incrementAndGet();
          m.firstArgument().ifPresent(this::opened);
        } else if ("CLOSE".equals(m.type())) {
          closes.incrementAndGet();
          m.firstArgument().ifPresent(this::ended);
        }
      });
    }

    private void relayMessage(byte[] prefix, int length) {
      NostrFramePrefix.parse(prefix, length).ifPresent(m -> {
        if ("EVENT".equals(m.type())) {
          events.incrementAndGet();
        } else if ("CLOSED".equals(m.type())) {
          closed.incrementAndGet();
          m.firstArgument().ifPresent(this::ended);
        }
      });
    }

    private void opened(String id) {
      if (subscriptions.add(id)) {
        int now = open.incrementAndGet();
        maxOpen.accumulateAndGet(now, Math::max);
      }
    }

    private void ended(String id) {
      if (subscriptions.remove(id)) {
        open.decrementAndGet();
      }
    }

    private void end() {
      if (done) {
        return;
      }
      done = true;
      open.addAndGet(-subscriptions.size());
      subscriptions.clear();
      downstream.close();
      upstream.close();
    }
  }
}
