package dev.graspsync.engine.ingest;

import dev.graspsync.engine.Workers;
import dev.graspsync.engine.store.Admission;
import dev.graspsync.engine.store.EventDatabase;
import dev.graspsync.engine.store.EventWriter;
import dev.graspsync.engine.store.PendingWrite;
import dev.graspsync.nostr.crypto.EventVerifier;
import dev.graspsync.nostr.crypto.Verification;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.message.MachinePrefix;
import dev.graspsync.spi.IngestSource;
import dev.graspsync.spi.IngestVerdict;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * shape → id → known? → signature (worker pool) → policy, replacement, storage (writer
 * thread) → verdict on the caller's context. Events from one context reach the writer in
 * the order they were handed in. A known id is answered before the signature
 * check: re-sent events, common when syncing, then cost one lookup instead of a verification.
 */
public final class IngestPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

  private final Vertx vertx;
  private final EventDatabase database;
  private final EventWriter writer;
  private final WorkerExecutor verifiers;
  private final int maxTags;
  private final IngestMetrics metrics;
  private final SubmissionOrder order = new SubmissionOrder();

  public IngestPipeline(
      Vertx vertx,
      EventDatabase database,
      EventWriter writer,
      WorkerExecutor verifiers,
      int maxTags,
      IngestMetrics metrics) {
    this.vertx = vertx;
    this.database = database;
    this.writer = writer;
    this.verifiers = verifiers;
    this.maxTags = maxTags;
    this.metrics = metrics;
  }

  public Future<IngestVerdict> ingest(Event event, IngestSource source) {
    Context current = Vertx.currentContext();
    Context context = current != null ? current : vertx.getOrCreateContext();
    Optional<String> badShape = ShapeCheck.problem(event, maxTags);
    if (badShape.isPresent()) {
      IngestVerdict verdict = new IngestVerdict.Rejected(badShape.get());
      metrics.record(verdict);
      return Future.succeededFuture(verdict);
    }
    SubmissionOrder.Turn turn = order.next(context, current != null);
    return Workers.run(verifiers, () -> verify(event))
        .recover(
            failure -> {
              LOG.warn("checking event {} failed", event.id(), failure);
              return Future.succeededFuture(Optional.of(storeError(failure)));
            })
        .compose(
            early ->
                turn.previous()
                    .transform(
                        ignored -> {
                          try {
                            return early.isPresent()
                                ? Future.succeededFuture(early.get())
                                : write(event, source, context);
                          } finally {
                            turn.done();
                          }
                        }))
        .andThen(
            done -> {
              if (done.succeeded()) {
                metrics.record(done.result());
              }
            });
  }

  /** A verdict when the event stops here; empty when it goes on to the writer. */
  private Optional<IngestVerdict> verify(Event event) throws Exception {
    if (!EventVerifier.hasValidId(event)) {
      return Optional.of(
          new IngestVerdict.Rejected(MachinePrefix.INVALID.with(Verification.BAD_ID.reason())));
    }
    if (database.contains(event.id())) {
      return Optional.of(IngestVerdict.DUPLICATE);
    }
    if (!EventVerifier.hasValidSignature(event)) {
      return Optional.of(
          new IngestVerdict.Rejected(
              MachinePrefix.INVALID.with(Verification.BAD_SIGNATURE.reason())));
    }
    return Optional.empty();
  }

  private Future<IngestVerdict> write(Event event, IngestSource source, Context context) {
    Promise<IngestVerdict> verdict = Promise.promise();
    writer.submit(
        new PendingWrite(
            event,
            source,
            admission -> context.runOnContext(v -> verdict.complete(verdictOf(admission)))));
    return verdict.future();
  }

  static IngestVerdict verdictOf(Admission admission) {
    if (admission instanceof Admission.Stored || admission instanceof Admission.Broadcast) {
      return IngestVerdict.ACCEPTED;
    }
    if (admission instanceof Admission.Duplicate) {
      return IngestVerdict.DUPLICATE;
    }
    return new IngestVerdict.Rejected(((Admission.Refused) admission).reason());
  }

  private static IngestVerdict storeError(Throwable failure) {
    String reason =
        failure instanceof IllegalStateException
            ? failure.getMessage()
            : "could not check event: " + failure.getMessage();
    return new IngestVerdict.Rejected(MachinePrefix.ERROR.with(reason));
  }
}
