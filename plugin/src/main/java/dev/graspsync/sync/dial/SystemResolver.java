package dev.graspsync.sync.dial;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.net.InetAddress;
import java.util.List;

/**
 * The JVM's resolver ({@link InetAddress#getAllByName}), which blocks, run on a small worker
 * pool of its own so that a slow DNS server delays only lookups, never an event loop nor the
 * host's shared worker pool. The JVM caches answers ({@code networkaddress.cache.ttl}, 30 s by
 * default); every connection attempt asks again and checks what it gets.
 */
public final class SystemResolver implements Resolver {
  static final String POOL_NAME = "grasp-sync-dns";
  static final int POOL_SIZE = 4;

  private final WorkerExecutor pool;

  public SystemResolver(Vertx vertx) {
    this.pool = vertx.createSharedWorkerExecutor(POOL_NAME, POOL_SIZE);
  }

  @Override
  public Future<List<InetAddress>> resolve(String host) {
    // unordered: lookups of different relays need not wait for one another
    return pool.executeBlocking(() -> List.of(InetAddress.getAllByName(host)), false);
  }

  @Override
  public Future<Void> close() {
    return pool.close();
  }
}
