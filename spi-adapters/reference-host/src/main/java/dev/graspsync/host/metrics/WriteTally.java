package dev.graspsync.host.metrics;

/**
 * What one event loop wrote to its clients since it last reported: counted in plain fields on
 * the loop, per message, and added to the shared meters once per loop turn ({@link
 * #reportTo}), so a delivery costs a few additions instead of updates to shared counters.
 * Used on its event loop only.
 */
public final class WriteTally {
  private long deflatedMessages;
  private long deflatedBytes;
  private long plainMessages;
  private long plainBytes;
  private long socketWrites;

  /** A data message written to a client, with its payload size as sent. */
  public void sent(boolean deflated, int payloadBytes) {
    if (deflated) {
      deflatedMessages++;
      deflatedBytes += payloadBytes;
    } else {
      plainMessages++;
      plainBytes += payloadBytes;
    }
  }

  /** One buffer of gathered messages handed to a client's socket. */
  public void socketWrite() {
    socketWrites++;
  }

  /** Adds what was counted since the last report to the meters and starts again from zero. */
  public void reportTo(FanoutMetrics metrics) {
    metrics.written(deflatedMessages, deflatedBytes, plainMessages, plainBytes, socketWrites);
    deflatedMessages = 0;
    deflatedBytes = 0;
    plainMessages = 0;
    plainBytes = 0;
    socketWrites = 0;
  }
}
