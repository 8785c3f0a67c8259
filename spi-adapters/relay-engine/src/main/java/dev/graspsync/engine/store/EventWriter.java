package dev.graspsync.engine.store;

import dev.graspsync.engine.policy.AcceptancePolicy;
import dev.graspsync.nostr.message.MachinePrefix;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer. Group commit: it takes everything waiting, applies it to one batch
 * (each event seeing those before it), commits the batch with a synced WAL write, and only
 * then reports the outcomes. One fsync thus covers as many events as arrived meanwhile, and
 * no outcome is reported before it would survive a crash.
 */
public final class EventWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventWriter.class);
  private static final int MAX_BATCH_EVENTS = 2048;
  private static final long MAX_BATCH_BYTES = 8L * 1024 * 1024;
  private static final long POLL_MILLIS = 100;

  private final EventDatabase database;
  private final EventAdmission admission;
  private final WriteListener listener;
  private final WriterMetrics metrics;
  private final LinkedBlockingQueue<PendingWrite> queue = new LinkedBlockingQueue<>();
  private final WriteOptions syncWrites = new WriteOptions().setSync(true);
  private final Thread thread;
  private volatile boolean accepting = true;

  public EventWriter(
      EventDatabase database, AcceptancePolicy policy, WriteListener listener, MeterRegistry meters) {
    this.database = database;
    this.admission = new EventAdmission(policy);
    this.listener = listener;
    this.metrics = new WriterMetrics(meters);
    this.thread = new Thread(this::run, "relay-engine-writer");
    this.thread.start();
  }

  /** Queues an event; {@code write.done()} runs on the writer thread once its outcome is durable. */
  public void submit(PendingWrite write) {
    if (!accepting) {
      write.done().accept(shuttingDown());
      return;
    }
    queue.add(write);
    // close() may have drained the queue between the check and the add.
    if (!accepting && queue.remove(write)) {
      write.done().accept(shuttingDown());
    }
  }

  private void run() {
    List<PendingWrite> batch = new ArrayList<>();
    while (accepting || !queue.isEmpty()) {
      try {
        PendingWrite first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        long bytes = first.event().toJson().length();
        PendingWrite next;
        while (batch.size() < MAX_BATCH_EVENTS
            && bytes < MAX_BATCH_BYTES
            && (next = queue.poll()) != null) {
          batch.add(next);
          bytes += next.event().toJson().length();
        }
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        LOG.error("writer failed on a batch of {} events", batch.size(), e);
        failAll(batch, e);
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(List<PendingWrite> batch) {
    long start = System.nanoTime();
    List<Admission> outcomes = new ArrayList<>(batch.size());
    long[] sequence = {0};
    try {
      database.guarded(
          () -> {
            try (BatchView view = new BatchView(database)) {
              for (PendingWrite write : batch) {
                outcomes.add(admitOne(write, view));
              }
              if (view.pendingChanges() > 0) {
                database.db().write(syncWrites, view.batch());
              }
              // This thread is the store's only writer, so the latest sequence is this batch's.
              sequence[0] = database.db().getLatestSequenceNumber();
            }
            return null;
          });
    } catch (Exception e) {
      LOG.error("committing a batch of {} events failed", batch.size(), e);
      failAll(batch, e);
      return;
    }
    metrics.record(batch.size(), System.nanoTime() - start);
    List<PendingWrite> accepted = new ArrayList<>();
    List<Admission> acceptedOutcomes = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Admission outcome = outcomes.get(i);
      if (outcome instanceof Admission.Stored || outcome instanceof Admission.Broadcast) {
        accepted.add(batch.get(i));
        acceptedOutcomes.add(outcome);
      }
    }
    if (!accepted.isEmpty()) {
      try {
        listener.committed(accepted, acceptedOutcomes, sequence[0]);
      } catch (RuntimeException e) {
        LOG.error("handing over accepted events failed", e);
      }
    }
    for (int i = 0; i < batch.size(); i++) {
      report(batch.get(i), outcomes.get(i));
    }
  }

  /** A bad event must not sink the others in its batch; a store failure must. */
  private Admission admitOne(PendingWrite write, BatchView view) throws RocksDBException {
    view.markEventStart();
    try {
      Admission outcome = admission.admit(write.event(), view);
      view.keepEvent();
      return outcome;
    } catch (StoreFailure e) {
      throw e;
    } catch (RuntimeException e) {
      view.dropEvent();
      LOG.warn("event {} could not be applied", write.event().id(), e);
      return new Admission.Refused(MachinePrefix.ERROR.with("could not apply event: " + e.getMessage()));
    }
  }

  private void failAll(List<PendingWrite> batch, Exception cause) {
    Admission failed =
        cause instanceof StoreClosedException
            ? shuttingDown()
            : new Admission.Refused(
                MachinePrefix.ERROR.with("could not store event: " + cause.getMessage()));
    for (PendingWrite write : batch) {
      report(write, failed);
    }
  }

  private static void report(PendingWrite write, Admission outcome) {
    try {
      write.done().accept(outcome);
    } catch (RuntimeException e) {
      LOG.error("reporting the outcome of {} failed", write.event().id(), e);
    }
  }

  private static Admission shuttingDown() {
    return new Admission.Refused(MachinePrefix.ERROR.with("the relay is shutting down"));
  }

  /** Stops taking events, commits what is queued, and waits for the writer to finish. */
  @Override
  public void close() {
    accepting = false;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    PendingWrite left;
    while ((left = queue.poll()) != null) {
      report(left, shuttingDown());
    }
    syncWrites.close();
  }
}
