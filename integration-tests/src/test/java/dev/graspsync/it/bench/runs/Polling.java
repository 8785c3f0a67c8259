package dev.graspsync.it.bench.runs;

import dev.graspsync.it.bench.infra.BenchHost;
import dev.graspsync.it.bench.infra.HostStatus;
import dev.graspsync.it.harness.Poller;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the host under test at a fixed pace until a condition holds or a deadline passes
 * ({@link Poller}), logging progress now and then. Benchmarks wait like this, never for a fixed
 * time. Waiting also ends early once the host has stalled: no batch pending and nothing stored
 * for {@link #STALL}, so a failed batch (parked until the next daily resync) is reported at
 * once instead of at the deadline.
 */
final class Polling {
  private static final Logger log = LoggerFactory.getLogger(Polling.class);
  static final Duration STALL = Duration.ofSeconds(30);
  private static final Duration LOG_EVERY = Duration.ofSeconds(10);

  private Polling() {}

  /** The first status satisfying {@code done}; empty when {@code timeout} passed first or the host stalled. */
  static Optional<HostStatus> until(BenchHost host, Duration timeout, Duration every, String what,
      Predicate<HostStatus> done) {
    Progress progress = new Progress(what, done);
    Optional<Outcome> outcome = Poller.every(every).poll(timeout, () -> progress.look(host.status()));
    if (outcome.isEmpty()) {
      log.warn("{}: gave up after {} s: {}", what, timeout.toSeconds(), progress.last);
      return Optional.empty();
    }
    return outcome.filter(Outcome::done).map(Outcome::status);
  }

  /** Why the polling ended before its deadline: {@code done}, or the host stalled. */
  private record Outcome(HostStatus status, boolean done) {}

  /** What the polling has seen so far; touched by the polling thread only. */
  private static final class Progress {
    private final String what;
    private final Predicate<HostStatus> done;
    private long nextLog = System.nanoTime();
    private long lastCount = -1;
    private long lastChange = System.nanoTime();
    private HostStatus last;

    Progress(String what, Predicate<HostStatus> done) {
      this.what = what;
      this.done = done;
    }

    Optional<Outcome> look(HostStatus s) {
      last = s;
      if (done.test(s)) {
        return Optional.of(new Outcome(s, true));
      }
      long now = System.nanoTime();
      if (s.accepted() != lastCount || s.pendingBatches() > 0) {
        lastCount = s.accepted();
        lastChange = now;
      }
      if (now - lastChange >= STALL.toNanos()) {
        log.warn("{}: stalled (no batch pending, nothing stored for {} s): {}", what, STALL.toSeconds(), s);
        return Optional.of(new Outcome(s, false));
      }
      if (now - nextLog >= 0) {
        log.info("{}: {}", what, s);
        nextLog = now + LOG_EVERY.toNanos();
      }
      return Optional.empty();
    }
  }
}
