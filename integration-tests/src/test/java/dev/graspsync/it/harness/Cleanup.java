package dev.graspsync.it.harness;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a test started, closed in reverse order whatever happened: hosts before the relays
 * they sync from, proxies before their relays. One per test.
 */
public final class Cleanup implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Cleanup.class);
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  /** Registers {@code resource} and returns it, for {@code var relay = cleanup.add(NodeRelay...)}. */
  public <T extends AutoCloseable> T add(T resource) {
    resources.push(resource);
    return resource;
  }

  @Override
  public void close() {
    while (!resources.isEmpty()) {
      AutoCloseable r = resources.pop();
      try {
        r.close();
      } catch (Exception e) {
        log.warn("closing {} failed", r, e);
      }
    }
  }
}
