package dev.graspsync.sync.dial;

import java.util.Locale;

/**
 * Why a connection attempt failed, as the {@code reason} label of {@code
 * grasp_sync_connect_failures_total} and the start of a relay's {@code last_problem}.
 */
public enum ConnectFailure {
  /** The name did not resolve (unknown, no address, DNS timeout). */
  DNS,
  /** The name (or literal) leads to an address the address policy refuses. */
  PRIVATE_ADDRESS,
  /** The certificate chain ends at no trusted authority (self-signed, private CA not added). */
  TLS_UNTRUSTED,
  /** The certificate is valid but for other names. */
  TLS_HOSTNAME_MISMATCH,
  /** The certificate (or one of its chain) is expired or not valid yet. */
  TLS_EXPIRED,
  /** Any other TLS failure: no common protocol or cipher, not TLS at all, alert from the relay. */
  TLS_PROTOCOL,
  /** No connection within {@code connect-timeout-seconds}. */
  TIMEOUT,
  /** Refused, reset or unreachable, or the WebSocket upgrade was refused. */
  CONNECTION;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
