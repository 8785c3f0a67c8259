package dev.graspsync.sync.nip11;

/**
 * What fetching a NIP-11 document gave. Every case has an {@link #info()}: the document when
 * found, {@link RelayInfo#EMPTY} otherwise, so a caller that only wants limits can ignore
 * the case and one that logs can tell them apart.
 */
public sealed interface RelayInfoResult {

  RelayInfo info();

  /** A parsed document. */
  record Found(RelayInfo info) implements RelayInfoResult {}

  /** The relay answered with a status other than 200 (no document). */
  record Missing(int status) implements RelayInfoResult {
    @Override
    public RelayInfo info() {
      return RelayInfo.EMPTY;
    }
  }

  /** The body was not a JSON object, or was over the size bound. */
  record Garbage(String reason) implements RelayInfoResult {
    @Override
    public RelayInfo info() {
      return RelayInfo.EMPTY;
    }
  }

  /** No answer: refused, reset, TLS failure, or the timeout passed. */
  record Unreachable(String reason) implements RelayInfoResult {
    @Override
    public RelayInfo info() {
      return RelayInfo.EMPTY;
    }
  }
}
