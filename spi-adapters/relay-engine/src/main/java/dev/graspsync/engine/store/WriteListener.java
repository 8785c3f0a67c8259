package dev.graspsync.engine.store;

import java.util.List;

/** Told, on the writer thread, what each committed batch accepted; it must hand off, never block. */
@FunctionalInterface
public interface WriteListener {
  /** Accepted writes (stored and ephemeral) of one batch, in the order they were applied. */
  void committed(List<PendingWrite> accepted, List<Admission> admissions);
}
