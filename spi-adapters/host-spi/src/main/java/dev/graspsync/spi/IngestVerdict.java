package dev.graspsync.spi;

/** The host's final word on an event handed to {@link RelayHost#ingest}. */
public sealed interface IngestVerdict {

  /** Stored (durably) and announced to the event-accepted hooks. */
  record Accepted() implements IngestVerdict {}

  /** Already stored, or superseded by a newer replaceable/addressable version. */
  record Duplicate() implements IngestVerdict {}

  /** Refused; {@code reason} starts with a NIP-01 machine prefix ({@code invalid:}, {@code blocked:} ...). */
  record Rejected(String reason) implements IngestVerdict {}

  IngestVerdict ACCEPTED = new Accepted();
  IngestVerdict DUPLICATE = new Duplicate();
}
