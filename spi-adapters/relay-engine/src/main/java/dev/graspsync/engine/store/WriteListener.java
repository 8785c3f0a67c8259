package dev.graspsync.engine.store;

import java.util.List;

/** Told, on the writer thread, what each committed batch accepted; it must hand off, never block. */
@FunctionalInterface
public interface WriteListener {
  /**
   * Accepted writes (stored and ephemeral) of one batch, in the order they were applied.
   * {@code storeSequence} is the store's sequence number once the batch was committed: a
   * snapshot taken at this sequence or later sees every event of the batch.
   */
  void committed(List<PendingWrite> accepted, List<Admission> admissions, long storeSequence);
}
