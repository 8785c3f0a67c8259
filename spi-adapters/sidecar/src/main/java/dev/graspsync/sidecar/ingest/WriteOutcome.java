package dev.graspsync.sidecar.ingest;

import dev.graspsync.nostr.message.MachinePrefix;
import dev.graspsync.nostr.message.RelayMessage;
import dev.graspsync.spi.IngestVerdict;

/**
 * What the relay's OK to an EVENT means for the plugin: a final verdict, or "send it again
 * later" (the relay is rate-limiting, or wants the authentication the sidecar is about to give).
 * Pure.
 */
public sealed interface WriteOutcome {

  record Final(IngestVerdict verdict) implements WriteOutcome {}

  record Retry(String why) implements WriteOutcome {}

  /**
   * {@code OK true} is accepted (or a duplicate, when the relay says so); {@code OK false
   * "duplicate: ..."} is a duplicate; {@code rate-limited:} is retried, as is {@code
   * auth-required:} when the sidecar has a key to authenticate with; any other refusal is
   * final, with the relay's reason (given the {@code blocked:} prefix when it has none).
   */
  static WriteOutcome of(RelayMessage.Ok ok, boolean canAuthenticate) {
    String message = ok.message() == null ? "" : ok.message();
    MachinePrefix prefix = MachinePrefix.of(message).orElse(null);
    if (ok.accepted()) {
      return new Final(prefix == MachinePrefix.DUPLICATE ? IngestVerdict.DUPLICATE : IngestVerdict.ACCEPTED);
    }
    if (prefix == MachinePrefix.DUPLICATE) {
      return new Final(IngestVerdict.DUPLICATE);
    }
    if (prefix == MachinePrefix.RATE_LIMITED || (prefix == MachinePrefix.AUTH_REQUIRED && canAuthenticate)) {
      return new Retry(message);
    }
    return new Final(new IngestVerdict.Rejected(prefix == null ? MachinePrefix.BLOCKED.with(message) : message));
  }
}
