package dev.graspsync.sync.session;

/**
 * Counts events handed to listeners and not yet settled, and says when reading must pause
 * (at the high-water mark) and may resume (at or below the low-water mark). Pure bookkeeping;
 * the session does the pausing.
 */
final class InFlightGate {
  private final int pauseAt;
  private final int resumeAt;
  private int inFlight;
  private int maxSeen;
  private boolean paused;

  InFlightGate(int pauseAt, int resumeAt) {
    this.pauseAt = pauseAt;
    this.resumeAt = resumeAt;
  }

  /** One more event in flight; true when reading must pause now. */
  boolean acquire() {
    inFlight++;
    maxSeen = Math.max(maxSeen, inFlight);
    if (!paused && inFlight >= pauseAt) {
      paused = true;
      return true;
    }
    return false;
  }

  /** One event settled; true when reading may resume now. */
  boolean release() {
    inFlight--;
    if (paused && inFlight <= resumeAt) {
      paused = false;
      return true;
    }
    return false;
  }

  int inFlight() {
    return inFlight;
  }

  int maxSeen() {
    return maxSeen;
  }

  boolean paused() {
    return paused;
  }
}
