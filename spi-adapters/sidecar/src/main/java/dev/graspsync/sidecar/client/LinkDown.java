package dev.graspsync.sidecar.client;

/**
 * The connection to the relay ended (or never answered) before a request had its answer. The
 * request did not fail on its merits: send it again once the connection is back.
 */
public final class LinkDown extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LinkDown(String message) {
    super(message, null, false, false);
  }
}
