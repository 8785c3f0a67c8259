package dev.graspsync.nostr.message;

/** Internal control flow of the decoders: thrown at the first problem, turned into Malformed. */
final class MalformedFrame extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MalformedFrame(String reason) {
    // no stack trace: this is an expected outcome on hostile input, and cheap that way
    super(reason, null, false, false);
  }
}
