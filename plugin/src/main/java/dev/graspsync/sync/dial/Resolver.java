package dev.graspsync.sync.dial;

import io.vertx.core.Future;
import java.net.InetAddress;
import java.util.List;

/**
 * Looks up a host name's addresses: the one place the sync meets DNS. The engine receives one
 * ({@link SystemResolver} by default), so tests can answer what a hostile DNS server would
 * (a public address first, a loopback one later).
 *
 * <p>Implementations must not block the caller's event loop.
 */
public interface Resolver {
  /** Every address of {@code host}, or a failed future (unknown host, timeout, no answer). */
  Future<List<InetAddress>> resolve(String host);

  /** Releases what the resolver holds (threads); the default holds nothing. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
