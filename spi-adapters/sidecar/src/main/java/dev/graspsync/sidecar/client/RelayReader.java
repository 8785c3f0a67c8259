package dev.graspsync.sidecar.client;

import dev.graspsync.nostr.message.Decoded;
import dev.graspsync.nostr.message.MessageCodec;
import dev.graspsync.nostr.message.RelayMessage;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the relay's text frames. A frame that is not a NIP-01 relay message is logged and
 * dropped (and counted by the caller): one bad frame must not cost the connection.
 */
final class RelayReader {
  private static final Logger log = LoggerFactory.getLogger(RelayReader.class);
  private static final int LOGGED_CHARS = 200;

  private RelayReader() {}

  static Optional<RelayMessage> read(String frame) {
    Decoded<RelayMessage> decoded = MessageCodec.decodeRelay(frame);
    if (decoded instanceof Decoded.Ok<RelayMessage> ok) {
      return Optional.of(ok.message());
    }
    Decoded.Malformed<RelayMessage> bad = (Decoded.Malformed<RelayMessage>) decoded;
    log.warn("dropped a malformed frame from the relay ({}): {}", bad.reason(),
        frame.length() > LOGGED_CHARS ? frame.substring(0, LOGGED_CHARS) + "..." : frame);
    return Optional.empty();
  }
}
