package dev.graspsync.it.harness;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A TCP proxy on loopback between a client (the plugin) and a relay, with faults on demand:
 * cut every connection, cut each connection after some bytes, delay traffic, blackhole it,
 * refuse new connections, and heal. Give clients {@link #url()} instead of the relay's.
 *
 * <p>It also counts what the relay sent ({@link #bytesToClient()}, {@link #messagesToClient}):
 * relay-to-client WebSocket frames are not masked, so their text can be counted on the wire,
 * whereas client frames are masked and only their HTTP upgrade request line is readable
 * ({@link #requestPaths()}).
 *
 * <p>All connection state lives on one Vert.x event loop; the public methods hand their change
 * to it and return once it is applied, so a test can cut and then assert. The server and the
 * client are fields for the proxy's whole life (Vert.x closes clients nothing references).
 */
public final class TcpFaultProxy implements AutoCloseable {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
  private static final int PAUSE_ABOVE_QUEUED_BYTES = 1 << 20;

  private final Vertx vertx;
  private final Context context;
  private final String targetHost;
  private final int targetPort;
  private final NetServer server;
  private final NetClient client;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicLong bytesToClient = new AtomicLong();
  private final Map<String, AtomicLong> messagesToClient = new ConcurrentHashMap<>();
  private final List<String> requestPaths = new CopyOnWriteArrayList<>();
  // Event-loop state below: touched only on `context`.
  private final Set<Link> links = new HashSet<>();
  private long delayNanos;
  private boolean blackholed;
  private boolean refusing;
  private LongSupplier cutBudget = () -> Long.MAX_VALUE;

  private TcpFaultProxy(Vertx vertx, String targetHost, int targetPort) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true));
    this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(5000).setTcpNoDelay(true));
  }

  /** A proxy to {@code ws://host:port} (a relay URL); listens on a free loopback port. */
  public static TcpFaultProxy start(Vertx vertx, String relayUrl) {
    URI uri = URI.create(relayUrl);
    return start(vertx, uri.getHost(), uri.getPort());
  }

  public static TcpFaultProxy start(Vertx vertx, String targetHost, int targetPort) {
    TcpFaultProxy proxy = new TcpFaultProxy(vertx, targetHost, targetPort);
    proxy.onLoop(() -> {
      proxy.server.connectHandler(proxy::accept);
      return proxy.server.listen().toCompletionStage().toCompletableFuture();
    });
    return proxy;
  }

  public int port() {
    return server.actualPort();
  }

  /** The relay as seen through the proxy. */
  public String url() {
    return "ws://127.0.0.1:" + port();
  }

  /** Connections currently carried. */
  public int openConnections() {
    return open.get();
  }

  /** Connections accepted since start (refused ones included). */
  public int acceptedConnections() {
    return accepted.get();
  }

  /** Bytes the relay sent towards clients (all connections, since start). */
  public long bytesToClient() {
    return bytesToClient.get();
  }

  /**
   * Relay messages of {@code type} ({@code EVENT}, {@code EOSE}, {@code CLOSED}, {@code NOTICE},
   * {@code OK}, {@code AUTH}) sent towards clients since start, counted by their opening
   * {@code ["TYPE"} on the wire. Relays write messages without blanks after the bracket, as
   * every relay used here does.
   */
  public long messagesToClient(String type) {
    AtomicLong n = messagesToClient.get(type);
    return n == null ? 0 : n.get();
  }

  /** The path of every HTTP request a client opened a connection with (WebSocket upgrades, NIP-11), in order. */
  public List<String> requestPaths() {
    return List.copyOf(requestPaths);
  }

  /** Closes every open connection now, both sides; new connections are still accepted. */
  public void cutAll() {
    run(() -> List.copyOf(links).forEach(Link::cut));
  }

  /** Every connection opened from now on is cut after carrying {@code bytes.getAsLong()} bytes (either way). */
  public void cutEachConnectionAfter(LongSupplier bytes) {
    run(() -> cutBudget = bytes);
  }

  /** Holds every chunk this long before passing it on (order kept). */
  public void delay(Duration delay) {
    run(() -> delayNanos = delay.toNanos());
  }

  /** Connections stay open but nothing passes, like a dead route; new connections are accepted and hang. */
  public void blackhole() {
    run(() -> blackholed = true);
  }

  /** New connections are closed as soon as they arrive, like a relay that is down; open ones are left. */
  public void refuseNew() {
    run(() -> refusing = true);
  }

  /**
   * Ends every fault: no delay, no cutting, traffic flows, connections accepted. Connections
   * that lost bytes to the blackhole are cut, since their streams are broken.
   */
  public void heal() {
    run(() -> {
      delayNanos = 0;
      blackholed = false;
      refusing = false;
      cutBudget = () -> Long.MAX_VALUE;
      List.copyOf(links).stream().filter(l -> l.lostBytes).forEach(Link::cut);
      links.forEach(Link::flushDue);
    });
  }

  @Override
  public void close() {
    onLoop(() -> {
      List.copyOf(links).forEach(Link::cut);
      return server.close().toCompletionStage().toCompletableFuture();
    });
    client.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
  }

  private void accept(NetSocket downstream) {
    accepted.incrementAndGet();
    if (refusing) {
      downstream.close();
      return;
    }
    downstream.pause();
    client.connect(targetPort, targetHost).onComplete(result -> {
      if (result.failed()) {
        downstream.close();
        return;
      }
      Link link = new Link(downstream, result.result(), cutBudget.getAsLong());
      links.add(link);
      open.incrementAndGet();
      link.start();
    });
  }

  /** One client connection and its upstream twin. */
  private final class Link {
    private final NetSocket downstream;
    private final NetSocket upstream;
    private final Direction toRelay;
    private final Direction toClient;
    private long budget;
    private boolean lostBytes;
    private boolean done;

    Link(NetSocket downstream, NetSocket upstream, long budget) {
      this.downstream = downstream;
      this.upstream = upstream;
      this.budget = budget;
      this.toRelay = new Direction(downstream, upstream, Optional.empty());
      this.toClient = new Direction(upstream, downstream, Optional.of(new MessageTally()));
    }

    void start() {
      downstream.handler(toRelay::receive);
      upstream.handler(toClient::receive);
      downstream.closeHandler(v -> cut());
      upstream.closeHandler(v -> cut());
      downstream.exceptionHandler(e -> cut());
      upstream.exceptionHandler(e -> cut());
      downstream.resume();
    }

    void cut() {
      if (done) {
        return;
      }
      done = true;
      links.remove(this);
      open.decrementAndGet();
      downstream.close();
      upstream.close();
    }

    void flushDue() {
      toRelay.flushDue();
      toClient.flushDue();
    }

    /** One way of the link, with its queue of delayed chunks. */
    private final class Direction {
      private final NetSocket from;
      private final NetSocket to;
      private final Deque<Chunk> queue = new ArrayDeque<>();
      private long queuedBytes;
      private final Optional<MessageTally> tally;
      private boolean timerSet;
      private boolean firstChunk = true;

      Direction(NetSocket from, NetSocket to, Optional<MessageTally> tally) {
        this.from = from;
        this.to = to;
        this.tally = tally;
      }

      void receive(Buffer data) {
        if (done) {
          return;
        }
        if (blackholed) {
          lostBytes = true;
          return;
        }
        if (firstChunk && tally.isEmpty()) {
          recordRequestPath(data);
        }
        firstChunk = false;
        tally.ifPresent(t -> {
          bytesToClient.addAndGet(data.length());
          t.scan(data);
        });
        budget -= data.length();
        queue.addLast(new Chunk(System.nanoTime() + delayNanos, data));
        queuedBytes += data.length();
        if (queuedBytes > PAUSE_ABOVE_QUEUED_BYTES) {
          from.pause();
        }
        flushDue();
        if (budget <= 0) {
          cut();
        }
      }

      void flushDue() {
        long now = System.nanoTime();
        while (!done && !queue.isEmpty() && queue.peekFirst().releaseAt - now <= 0) {
          Chunk chunk = queue.removeFirst();
          queuedBytes -= chunk.data.length();
          to.write(chunk.data);
        }
        if (to.writeQueueFull()) {
          from.pause();
          to.drainHandler(v -> from.resume());
        } else if (queuedBytes <= PAUSE_ABOVE_QUEUED_BYTES) {
          from.resume();
        }
        if (!done && !queue.isEmpty() && !timerSet) {
          timerSet = true;
          long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(queue.peekFirst().releaseAt - now));
          vertx.setTimer(waitMillis, id -> {
            timerSet = false;
            flushDue();
          });
        }
      }
    }
  }

  private record Chunk(long releaseAt, Buffer data) {}

  private void recordRequestPath(Buffer data) {
    String head = data.getString(0, Math.min(data.length(), 512), "ISO-8859-1");
    int end = head.indexOf("\r\n");
    String[] parts = (end < 0 ? head : head.substring(0, end)).split(" ");
    if (parts.length == 3 && parts[2].startsWith("HTTP/")) {
      requestPaths.add(parts[1]);
    }
  }

  private static final String[] MESSAGE_TYPES = {"EVENT", "EOSE", "CLOSED", "NOTICE", "OK", "AUTH", "COUNT"};

  /** Counts relay message openings in one connection's relay-to-client byte stream, across chunk borders. */
  private final class MessageTally {
    private static final int CARRY = 16;
    private String tail = "";

    void scan(Buffer data) {
      // ISO-8859-1 maps bytes one to one, so ASCII markers are found whatever the UTF-8 around them
      String text = tail + data.toString("ISO-8859-1");
      for (String type : MESSAGE_TYPES) {
        String marker = "[\"" + type + "\"";
        int from = 0;
        int found;
        while ((found = text.indexOf(marker, from)) >= 0) {
          // a marker wholly inside the carried tail was counted with the previous chunk
          if (found + marker.length() > tail.length()) {
            messagesToClient.computeIfAbsent(type, t -> new AtomicLong()).incrementAndGet();
          }
          from = found + 1;
        }
      }
      tail = text.length() > CARRY ? text.substring(text.length() - CARRY) : text;
    }
  }

  /** Runs a change on the proxy's event loop and waits until it is applied. */
  private void run(Runnable change) {
    onLoop(() -> {
      change.run();
      return CompletableFuture.completedFuture(null);
    });
  }

  private void onLoop(Supplier<CompletableFuture<?>> action) {
    CompletableFuture<Object> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        action.get().whenComplete((r, e) -> {
          if (e != null) {
            done.completeExceptionally(e);
          } else {
            done.complete(r);
          }
        });
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    });
    try {
      done.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("proxy command failed", e);
    }
  }

  @Override
  public String toString() {
    return "TcpFaultProxy[" + url() + " -> " + targetHost + ":" + targetPort + "]";
  }
}
