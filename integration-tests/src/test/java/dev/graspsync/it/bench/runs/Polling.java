package dev.graspsync.it.bench.runs;

import dev.graspsync.it.bench.infra.HostProcess;
import dev.graspsync.it.bench.infra.HostStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the host under test until a condition holds or a deadline passes, logging progress now
 * and then. Benchmarks wait like this, never for a fixed time. Waiting also ends early once the
 * host has stalled: no batch pending and nothing stored for {@link #STALL}, so a failed batch
 * (parked until the next daily resync) is reported at once instead of at the deadline.
 */
final class Polling {
  private static final Logger log = LoggerFactory.getLogger(Polling.class);
  static final Duration STALL = Duration.ofSeconds(30);

  private Polling() {}

  /** The first status satisfying {@code done}; empty when {@code timeout} passed first. */
  static Optional<HostStatus> until(HostProcess host, Duration timeout, Duration every, String what,
      Predicate<HostStatus> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextLog = System.nanoTime();
    long lastCount = -1;
    long lastChange = System.nanoTime();
    while (true) {
      HostStatus s = host.status();
      if (done.test(s)) {
        return Optional.of(s);
      }
      long now = System.nanoTime();
      if (s.accepted() != lastCount || s.pendingBatches() > 0) {
        lastCount = s.accepted();
        lastChange = now;
      }
      if (now - deadline >= 0) {
        log.warn("{}: gave up after {} s: {}", what, timeout.toSeconds(), s);
        return Optional.empty();
      }
      if (now - lastChange >= STALL.toNanos()) {
        log.warn("{}: stalled (no batch pending, nothing stored for {} s): {}", what, STALL.toSeconds(), s);
        return Optional.empty();
      }
      if (now - nextLog >= 0) {
        log.info("{}: {}", what, s);
        nextLog = now + Duration.ofSeconds(10).toNanos();
      }
      sleep(every);
    }
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
