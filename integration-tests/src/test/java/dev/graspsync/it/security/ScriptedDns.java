package dev.graspsync.it.security;

import dev.graspsync.sync.dial.Resolver;
import io.vertx.core.Future;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST FIXTURE: the DNS a hostile (or merely slow to publish) name server would be, as the
 * plugin's resolver seam. Each name answers its scripted answers in turn, the last one for
 * ever after; a name without answers does not resolve.
 */
final class ScriptedDns implements Resolver {
  private final Map<String, Deque<List<InetAddress>>> answers = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

  /** From now on {@code host} answers {@code first}, then each later answer once, the last for ever. */
  @SafeVarargs
  final ScriptedDns answer(String host, List<InetAddress>... inTurn) {
    answers.put(host, new ArrayDeque<>(List.of(inTurn)));
    return this;
  }

  int lookups(String host) {
    return lookups.computeIfAbsent(host, h -> new AtomicInteger()).get();
  }

  @Override
  public Future<List<InetAddress>> resolve(String host) {
    lookups.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
    Deque<List<InetAddress>> script = answers.get(host);
    if (script == null || script.isEmpty()) {
      return Future.failedFuture(new UnknownHostException(host + ": no such host (scripted)"));
    }
    synchronized (script) {
      return Future.succeededFuture(script.size() > 1 ? script.poll() : script.peek());
    }
  }

  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
