package dev.graspsync.sync.engine;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Nip34;
import dev.graspsync.spi.IngestSource;
import dev.graspsync.spi.IngestVerdict;
import dev.graspsync.spi.RelayHost;
import dev.graspsync.sync.GraspSyncPlugin;
import dev.graspsync.sync.batch.BatchPurpose;
import dev.graspsync.sync.refused.RefusedMemory;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Hands events from one relay to the host's ingest, skipping ids the host refused before
 * (the {@link RefusedMemory}) and ids the store already has, before any costly work (the host
 * would verify the signature first), and counts every event by layer and verdict. An event a
 * catch-up finds new is a gap in live sync, counted as such.
 */
final class EventIntake {
  /** What a skipped event counts as for the subscription that brought it: refused, as before. */
  static final IngestVerdict REMEMBERED = new IngestVerdict.Rejected("blocked: refused before (remembered)");

  private final RelayHost host;
  private final SyncMetrics metrics;
  private final String relay;
  private final IngestSource source;
  private final RefusedMemory refused;
  /** Completes once the previous event was handed to the ingest (or skipped); event loop only. */
  private Future<Void> lastTurn = Future.succeededFuture();

  EventIntake(RelayHost host, SyncMetrics metrics, String relay, RefusedMemory refused) {
    this.host = host;
    this.metrics = metrics;
    this.relay = relay;
    this.refused = refused;
    this.source = IngestSource.plugin(GraspSyncPlugin.ID, relay);
  }

  /**
   * Called on the relay worker's event loop, in the order the relay sent the events. The
   * store look-ups run in parallel, but events reach the host's ingest in that order: the
   * host keeps the order of what one context submits (a reply right behind its root is judged
   * after the root is stored), and look-ups finishing out of order must not undo that.
   */
  Future<IngestVerdict> take(Event event, BatchPurpose purpose) {
    String layer = layer(event, purpose);
    if (refused.isRefused(event.id())) {
      metrics.refusedSkipped();
      return Future.succeededFuture(REMEMBERED);
    }
    long generation = refused.generation();
    Future<Boolean> known = host.store().contains(event.id());
    Promise<Void> myTurn = Promise.promise();
    Future<Void> previousTurn = lastTurn;
    lastTurn = myTurn.future();
    return previousTurn.transform(ignored -> known).transform(lookup -> {
      try {
        if (lookup.failed()) {
          return Future.<IngestVerdict>failedFuture(lookup.cause());
        }
        if (lookup.result()) {
          metrics.event(layer, "duplicate");
          return Future.succeededFuture(IngestVerdict.DUPLICATE);
        }
        return host.ingest(event, source).onSuccess(verdict -> {
          count(verdict, layer, purpose);
          if (refused.remember(event, verdict, generation)) {
            metrics.refusedRemembered();
          }
        });
      } finally {
        // the ingest took its place in the host's queue when called: the next event may go
        myTurn.complete();
      }
    });
  }

  private void count(IngestVerdict verdict, String layer, BatchPurpose purpose) {
    String name = verdict instanceof IngestVerdict.Accepted ? "saved"
        : verdict instanceof IngestVerdict.Duplicate ? "duplicate" : "rejected";
    metrics.event(layer, name);
    if (purpose == BatchPurpose.CATCH_UP && verdict instanceof IngestVerdict.Accepted) {
      metrics.gapEvent(relay);
    }
  }

  /** Metric label: which of the three layers (or a catch-up) brought the event. */
  static String layer(Event event, BatchPurpose purpose) {
    if (purpose == BatchPurpose.CATCH_UP) {
      return "catch-up";
    }
    if (event.kind() == Nip34.REPO_ANNOUNCEMENT || event.kind() == Nip34.GRASP_SERVER_LIST) {
      return "announcements";
    }
    if (event.kind() == Nip34.REPO_STATE) {
      return "state";
    }
    boolean tagsRepo = !event.tagValues("a").isEmpty() || !event.tagValues("A").isEmpty();
    return tagsRepo ? "repo" : "root";
  }
}
