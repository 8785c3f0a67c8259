package dev.graspsync.sync.dial;

import java.net.ConnectException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Why a connection attempt failed, read from the exception the TLS or socket stack threw.
 * Vert.x reports every handshake failure as "Failed to create SSL connection"; the cause
 * chain under it says whether the certificate was untrusted, for another name, or expired.
 */
public record FailureCause(ConnectFailure reason, String detail) {

  private static final int MAX_DEPTH = 16;

  public static FailureCause of(Throwable failure) {
    List<Throwable> chain = chain(failure);
    Throwable deepest = chain.get(chain.size() - 1);
    for (Throwable t : chain) {
      if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
        return cause(ConnectFailure.TLS_EXPIRED, "certificate not valid now", t);
      }
    }
    for (Throwable t : chain) {
      String m = lower(t);
      if (m.contains("no subject alternative") || m.contains("no name matching")) {
        return cause(ConnectFailure.TLS_HOSTNAME_MISMATCH, "certificate is for other names", t);
      }
    }
    for (Throwable t : chain) {
      String m = lower(t);
      if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
          || m.contains("unable to find valid certification path") || m.contains("pkix path")) {
        return cause(ConnectFailure.TLS_UNTRUSTED, "certificate not signed by a trusted authority", deepest);
      }
    }
    for (Throwable t : chain) {
      if (t instanceof SSLException) {
        return cause(ConnectFailure.TLS_PROTOCOL, "TLS handshake failed", deepest);
      }
    }
    for (Throwable t : chain) {
      String m = lower(t);
      if (m.contains("timed out") || m.contains("timeout") || t.getClass().getSimpleName().contains("Timeout")) {
        return cause(ConnectFailure.TIMEOUT, "no connection in time", t);
      }
    }
    boolean refused = chain.stream().anyMatch(ConnectException.class::isInstance);
    return cause(ConnectFailure.CONNECTION, refused ? "connection refused" : "connection failed", deepest);
  }

  private static FailureCause cause(ConnectFailure reason, String summary, Throwable t) {
    String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    return new FailureCause(reason, SafeText.of(summary + " (" + message + ")"));
  }

  private static String lower(Throwable t) {
    return t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
  }

  private static List<Throwable> chain(Throwable failure) {
    List<Throwable> out = new ArrayList<>();
    for (Throwable t = failure; t != null && out.size() < MAX_DEPTH && !out.contains(t); t = t.getCause()) {
      out.add(t);
    }
    return out;
  }
}
