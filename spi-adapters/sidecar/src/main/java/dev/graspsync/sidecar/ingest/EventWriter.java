package dev.graspsync.sidecar.ingest;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.message.RelayMessage;
import dev.graspsync.sidecar.client.Backoff;
import dev.graspsync.sidecar.client.RelayLink;
import dev.graspsync.sidecar.metrics.SidecarMetrics;
import dev.graspsync.spi.IngestVerdict;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the plugin's events to the relay with EVENT and turns each OK into the plugin's
 * verdict. At most {@code maxInFlight} EVENTs await their OK; the rest wait in order, and the
 * plugin's futures complete only when the relay answered: that is the backpressure, since the
 * plugin bounds the events it has in flight. An event is never dropped for a transient reason:
 * a lost connection or a missing OK sends it again after the reconnect, and {@code
 * rate-limited:} pauses all writing for a backoff that grows while the relay keeps refusing.
 * Runs on the link's loop.
 */
public final class EventWriter {
  private static final Logger log = LoggerFactory.getLogger(EventWriter.class);

  private record Pending(Event event, Promise<IngestVerdict> verdict) {}

  private final RelayLink link;
  private final Context loop;
  private final int maxInFlight;
  private final Backoff backoff;
  private final boolean canAuthenticate;
  private final SidecarMetrics metrics;
  private final Consumer<Event> stored;
  private final Deque<Pending> queue = new ArrayDeque<>();
  private int inFlight;
  private int refusalsInARow;
  private boolean paused;
  private Promise<Void> idle = Promise.promise();

  /** {@code stored} hears of every event the relay accepted, on the link's loop. */
  public EventWriter(RelayLink link, int maxInFlight, Backoff backoff, boolean canAuthenticate, SidecarMetrics metrics,
      Consumer<Event> stored) {
    this.link = link;
    this.loop = link.loop();
    this.maxInFlight = maxInFlight;
    this.backoff = backoff;
    this.canAuthenticate = canAuthenticate;
    this.metrics = metrics;
    this.stored = stored;
    idle.complete();
    metrics.writeQueue(this::waiting);
    link.onConnect(this::drain);
  }

  /** Any thread; completes on the link's loop once the relay gave its final answer. */
  public Future<IngestVerdict> write(Event event) {
    Promise<IngestVerdict> verdict = Promise.promise();
    loop.runOnContext(v -> {
      if (idle.future().isComplete()) {
        idle = Promise.promise();
      }
      queue.addLast(new Pending(event, verdict));
      drain();
    });
    return verdict.future();
  }

  /** Completes once nothing waits or awaits an OK; for a graceful stop. */
  public Future<Void> idle() {
    Promise<Void> done = Promise.promise();
    loop.runOnContext(v -> idle.future().onComplete(done));
    return done.future();
  }

  /** Events waiting or awaiting their OK; any thread (approximate). */
  public int waiting() {
    return queue.size() + inFlight;
  }

  private void drain() {
    while (link.connected() && !paused && inFlight < maxInFlight && !queue.isEmpty()) {
      Pending p = queue.pollFirst();
      inFlight++;
      link.publish(p.event()).onComplete(ar -> {
        inFlight--;
        if (ar.succeeded()) {
          answered(p, ar.result());
        } else {
          // LinkDown: sent again once the connection is back (drain runs on connect)
          metrics.write("resent");
          log.debug("event {} goes again: {}", p.event().id(), ar.cause().getMessage());
          queue.addFirst(p);
        }
        drain();
      });
    }
    if (queue.isEmpty() && inFlight == 0) {
      idle.tryComplete();
    }
  }

  private void answered(Pending p, RelayMessage.Ok ok) {
    WriteOutcome outcome = WriteOutcome.of(ok, canAuthenticate);
    if (outcome instanceof WriteOutcome.Final f) {
      refusalsInARow = 0;
      metrics.write(name(f.verdict()));
      p.verdict().complete(f.verdict());
      if (f.verdict() instanceof IngestVerdict.Accepted) {
        stored.accept(p.event());
      }
      return;
    }
    metrics.write("retried");
    queue.addFirst(p);
    if (!paused) {
      paused = true;
      long delay = backoff.delay(++refusalsInARow).toMillis();
      log.info("relay refused event {} for now ({}); writing again in {} ms", p.event().id(),
          ((WriteOutcome.Retry) outcome).why(), delay);
      loop.owner().setTimer(Math.max(1, delay), t -> {
        paused = false;
        drain();
      });
    }
  }

  private static String name(IngestVerdict verdict) {
    return verdict instanceof IngestVerdict.Accepted ? "accepted"
        : verdict instanceof IngestVerdict.Duplicate ? "duplicate" : "rejected";
  }
}
